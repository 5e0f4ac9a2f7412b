#!/usr/bin/env bash
# CI setup for the Arm Compute Library backend (acl) on an x86-64 Debian 12 machine: the arm64 architecture in
# dpkg, the aarch64 cross compiler, qemu-user-static and Debian's arm64 ACL (libarm-compute-dev:arm64, 20.08), then
# an arm64 JRE unpacked into opbench's cache (native/arm64-jre.sh). On success it prints the arm64 java's path
# (for OPBENCH_ARM64_JAVA) on standard output; everything else goes to standard error. On an arm64 machine it only
# installs the ACL package and g++, and prints nothing. It exits non-zero when something cannot be set up: the caller reports that
# loudly and carries on, and the ACL tests then skip with the missing piece named.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

log() { echo "ci-arm64: $*" >&2; }

apt_retry() { # other dpkg users may hold the lock for a while
  local i
  for i in 1 2 3 4 5 6; do
    if apt-get "$@" >&2; then return 0; fi
    log "apt-get $1 failed (attempt $i); retrying in 20 s"
    sleep 20
  done
  return 1
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ "$(uname -m)" = aarch64 ]; then
  apt_retry install -y -qq --no-install-recommends g++ libarm-compute-dev
  log "native arm64: the binding builds with g++ and the ACL tests run in-process (no emulation)"
  exit 0
fi

if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  log "adding the arm64 architecture to dpkg"
  dpkg --add-architecture arm64
fi
apt_retry update -qq
apt_retry install -y -qq --no-install-recommends g++-aarch64-linux-gnu qemu-user-static libarm-compute-dev:arm64

log "$(dpkg-query -W -f '${Package}:${Architecture} ${Version}\n' libarm-compute-dev:arm64 qemu-user-static \
  g++-aarch64-linux-gnu | tr '\n' ' ')"
java="$("$here/arm64-jre.sh")"
# the arm64 OpenCL stack (PoCL) for the cl-* test; without it only that test skips
"$here/arm64-opencl.sh" >/dev/null || log "!!! the arm64 OpenCL stack could not be unpacked; the ACL OpenCL test will skip"
log "arm64 java: $("qemu-aarch64-static" "$java" -version 2>&1 | head -1)"
echo "$java"
