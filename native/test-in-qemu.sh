#!/usr/bin/env bash
# Runs the acl backend's in-process tests (AclNativeOpsTest), and those of opbench's TensorRT helpers (TrtNativesTest,
# LayerProfilerTest: vtable dispatch and deletion under the arm64 C++ ABI), with surefire's test JVM itself an arm64 java under
# qemu-aarch64-static: the binding is then loaded into the JVM that calls it, as on a board. Needs what
# native/ci-arm64.sh sets up and a build that made target/native-arm64 (./mvnw test or package with the acl-native
# profile active). Extra arguments go to Maven (the Maven Wrapper, ./mvnw).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
java="${OPBENCH_ARM64_JAVA:-$("$root/native/arm64-jre.sh")}"
wrap="$(mktemp -d)"
trap 'rm -rf "$wrap"' EXIT
mkdir -p "$wrap/bin"
# surefire wants a path ending in bin/java
printf '#!/bin/sh\nexec qemu-aarch64-static %q "$@"\n' "$java" > "$wrap/bin/java"
chmod +x "$wrap/bin/java"
cd "$root"
./mvnw -B -Dtest=AclNativeOpsTest,TrtNativesTest,LayerProfilerTest -Dsurefire.failIfNoSpecifiedTests=false -Djvm="$wrap/bin/java" \
  -Dmaven.test.additionalClasspath="$root/target/native-arm64" "$@" test
