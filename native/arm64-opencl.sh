#!/usr/bin/env bash
# Prints a root directory holding an arm64 OpenCL stack (the ICD loader and PoCL 3.1 from Debian 12) for the ACL
# backend's cl-* algorithms under emulation: give it to qemu as its -L prefix,
#   --worker-launcher "qemu-aarch64-static -L $(native/arm64-opencl.sh)"
# so that ACL's dlopen("libOpenCL.so"), the ICD file /etc/OpenCL/vendors/pocl.icd and PoCL's kernel library resolve
# inside it first. The packages are fetched with `apt-get download` and unpacked into opbench's cache
# (arm64-opencl/), not installed: installing them multiarch would remove the host's own PoCL and compilers.
#
# What this shows on Debian 12: ACL 20.08 refuses PoCL 3.1 when it builds its first kernel ("Non uniform workgroup
# size is not supported!!": it needs OpenCL 2.0 or cl_arm_non_uniform_work_group_size, PoCL 3.1 reports OpenCL 3.0
# without non-uniform work-groups), so every cl-* point is `failed` with that reason. The stack omits clang-15,
# which PoCL would need to link kernels and which no kernel gets to.
#
# Idempotent (arm64-opencl/.complete lists the packages); --refresh fetches again.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/arm64-debs.sh"

dest="$arm64_cache/arm64-opencl"
packages=(ocl-icd-libopencl1 libpocl2 libllvm15 libclang-cpp15 libhwloc15 libudev1 libz3-4 libxml2 libicu72
  liblzma5 libedit2 libbsd0 libmd0 libtinfo6 libffi8 zlib1g)

if [ "${1:-}" != "--refresh" ] && [ -f "$dest/.complete" ]; then
  echo "$dest"
  exit 0
fi

arm64_unpack "${packages[@]/%/:arm64}"
lib="$dest.partial/usr/lib/aarch64-linux-gnu"
ln -sfn libOpenCL.so.1 "$lib/libOpenCL.so" # ACL dlopens the unversioned name (a -dev package's link)
mkdir -p "$dest.partial/etc/OpenCL/vendors"
echo "libpocl.so.2" > "$dest.partial/etc/OpenCL/vendors/pocl.icd"

arm64_complete
echo "$dest"
