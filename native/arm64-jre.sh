#!/usr/bin/env bash
# Prints the path of an arm64 `java` for opbench workers run under qemu-aarch64-static (--worker-java).
#
# Debian's openjdk-17-jre-headless:arm64 and zlib1g:arm64 are fetched with `apt-get download` and unpacked into
# opbench's cache directory ($OPBENCH_CACHE, else $XDG_CACHE_HOME/opbench, else ~/.cache/opbench) under
# arm64-jre/, not installed: installing the JRE multiarch would pull arm64 copies of many libraries and upgrade
# host packages. libc, libstdc++ and libgcc come from Debian's arm64 multiarch packages (libc6:arm64, installed
# with libarm-compute-dev:arm64), so qemu needs no -L sysroot.
#
# Idempotent: a complete unpack is reused (it records the package versions in arm64-jre/.complete); pass
# --refresh to fetch again. Needs `dpkg --add-architecture arm64 && apt-get update` once.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/arm64-debs.sh"

dest="$arm64_cache/arm64-jre"
jvm="usr/lib/jvm/java-17-openjdk-arm64"
java="$dest/$jvm/bin/java"

if [ "${1:-}" != "--refresh" ] && [ -x "$java" ] && [ -f "$dest/.complete" ]; then
  echo "$java"
  exit 0
fi

arm64_unpack openjdk-17-jre-headless:arm64 zlib1g:arm64

# The package links its configuration from /etc/java-17-openjdk (e.g. lib/jvm.cfg -> jvm-arm64.cfg); the host
# has only its own architecture's files there, so point every absolute link that the unpack can satisfy inside it.
(cd "$dest.partial" && find . -type l -lname '/*' -print0) | while IFS= read -r -d '' link; do
  target="$(readlink "$dest.partial/$link")"
  if [ -e "$dest.partial$target" ] || [ -L "$dest.partial$target" ]; then
    ln -sfn "$(realpath -m --relative-to="$(dirname "$dest.partial/$link")" "$dest.partial$target")" \
      "$dest.partial/$link"
  fi
done

# java and libzip.so find libz.so.1 through their $ORIGIN run paths
cp -a "$dest.partial"/lib/aarch64-linux-gnu/libz.so.1* "$dest.partial/$jvm/lib/"

arm64_complete
echo "$java"
