#!/usr/bin/env bash
# Builds the GPU check bundle (issue 19): everything `benchmarks/gpu/verify.sh` needs on a lent GPU machine that has
# no Java, no Maven and no network, small enough to travel with the working tree (the device tool carries at most
# 64 MiB, working tree included). Runs on any x86-64 Linux build machine with JDK 17 (jlink, jdeps); no GPU needed.
#
#   benchmarks/gpu/bundle.sh            # -> benchmarks/gpu/bundle/ (ignored by git; name it in the device tool's carry)
#   benchmarks/gpu/bundle.sh --check    # only the size check of the bundle already there
#
# The bundle holds: a jlink'ed Java runtime with only the modules opbench's code and the bundled jars use
# (jre/), opbench.jar, and in lib/ only the jars the `cudnn` backend and the reference need: picocli, Jackson, JavaCPP
# and the plain org.bytedeco:cuda preset with its linux-x86_64 JNI jar. No -redist jars (the NVIDIA libraries come
# from the GPU machine), no oneDNN / ONNX Runtime / OpenCV / OpenCL / TensorRT / ACL jars: those backends report
# themselves unavailable from the bundle. Environment: BUNDLE_DIR (output folder), BUNDLE_LIMIT_MIB (60),
# CARRY_LIMIT_MIB (64), OPBENCH_MAVEN_ARGS (extra Maven arguments, e.g. -o), BUNDLE_SKIP_BUILD=1 (use target/ as is).
# Exit 0 with the bundle in place, 1 when a step fails or the bundle is over a limit (a bundle just built is then
# removed; --check leaves it), 2 for a usage error.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${BUNDLE_DIR:-$repo/benchmarks/gpu/bundle}"
limit_mib="${BUNDLE_LIMIT_MIB:-60}"
carry_mib="${CARRY_LIMIT_MIB:-64}"
cd "$repo"

die() { echo "bundle.sh: $*" >&2; exit 1; }

# Sizes: the bundle against its own limit, and the bundle plus what the device tool carries anyway (tracked and
# untracked-but-not-ignored files) against the carry limit. Returns 1 when over either.
mib() { awk -v b="$1" 'BEGIN {printf "%.1f", b / 1048576}'; }
check_size() {
  local bundle_bytes tree_bytes
  bundle_bytes="$(du -sb "$out" | cut -f1)"
  tree_bytes="$(git ls-files -z --cached --others --exclude-standard 2>/dev/null \
    | (xargs -0 -r stat -c %s 2>/dev/null || true) | awk '{s += $1} END {print s + 0}')"
  echo "bundle.sh: bundle $out: $(mib "$bundle_bytes") MiB (limit $limit_mib MiB); with the working tree" \
    "($(mib "$tree_bytes") MiB) $(mib $((bundle_bytes + tree_bytes))) MiB of the device tool's $carry_mib MiB carry limit"
  if [ "$bundle_bytes" -gt $((limit_mib * 1048576)) ] || [ $((bundle_bytes + tree_bytes)) -gt $((carry_mib * 1048576)) ]; then
    echo "bundle.sh: the bundle is over the limit: $(mib "$bundle_bytes") MiB (limit $limit_mib MiB), with the" \
      "working tree $(mib $((bundle_bytes + tree_bytes))) MiB (limit $carry_mib MiB)" >&2
    return 1
  fi
}

case "${1:-}" in
  "") ;;
  --check)
    [ -f "$out/opbench.jar" ] || { echo "bundle.sh: no bundle at $out to check" >&2; exit 1; }
    check_size || exit 1
    exit 0 ;;
  *) echo "bundle.sh: unknown argument '$1' (usage: bundle.sh [--check])" >&2; exit 2 ;;
esac

[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || die "builds the x86-64 Linux bundle only (this is $(uname -s)-$(uname -m))"

# The JDK whose jlink and jmods make the runtime: the one that runs `java` here, or JAVA_HOME.
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
for tool in jlink jdeps; do
  [ -x "$java_home/bin/$tool" ] || die "no $tool in $java_home/bin (needs a JDK 17, not a JRE; set JAVA_HOME)"
done
[ -d "$java_home/jmods" ] || die "no $java_home/jmods: jlink needs the JDK's jmods (Debian: openjdk-17-jdk-headless)"
jdk_feature="$("$java_home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
[ "$jdk_feature" = 17 ] || die "needs JDK 17 (opbench's release), found $jdk_feature at $java_home"

if [ "${BUNDLE_SKIP_BUILD:-0}" != 1 ]; then
  echo "bundle.sh: building opbench.jar (./mvnw -B -q -DskipTests ${OPBENCH_MAVEN_ARGS:-} package)" >&2
  # shellcheck disable=SC2086  # OPBENCH_MAVEN_ARGS is a list of arguments
  ./mvnw -B -q -DskipTests ${OPBENCH_MAVEN_ARGS:-} package || die "the Maven build failed"
fi
[ -f target/opbench.jar ] && [ -d target/lib ] || die "no target/opbench.jar and target/lib (run without BUNDLE_SKIP_BUILD)"

# The jars, by Maven artifact (file names as maven-dependency-plugin's copy-dependencies writes them: artifact,
# version, classifier). Each must be there exactly once.
shopt -s extglob nullglob
jar_patterns=(
  'picocli-+([0-9.]).jar'
  'jackson-core-+([0-9.]).jar'
  'jackson-databind-+([0-9.]).jar'
  'jackson-annotations-+([0-9.]).jar'
  'javacpp-+([0-9.]).jar'
  'javacpp-+([0-9.])-linux-x86_64.jar'
  'cuda-+([0-9.-]).jar'
  'cuda-+([0-9.-])-linux-x86_64.jar'
)
jars=()
for p in "${jar_patterns[@]}"; do
  # shellcheck disable=SC2206  # the pattern is meant to glob
  found=(target/lib/$p)
  [ "${#found[@]}" != 0 ] || die "target/lib has no $p (is it still a dependency in pom.xml?)"
  [ "${#found[@]}" = 1 ] || die "target/lib has ${#found[@]} jars matching $p: ${found[*]} (run ./mvnw clean package)"
  jars+=("${found[0]}")
done
shopt -u extglob nullglob

rm -rf "$out"
mkdir -p "$out/lib"
cp target/opbench.jar "$out/"
cp "${jars[@]}" "$out/lib/"

# The modules: what jdeps finds in opbench.jar and the bundled jars (Jackson's optional java.sql / java.desktop
# support is left out: jdeps sees it only through classes opbench never loads, see the note below), plus
# jdk.unsupported (JavaCPP's sun.misc.Unsafe) and jdk.management (opbench's JIT facts; jdeps finds it too).
# Multi-release jars are read as Java 17 sees them.
found_modules="$("$java_home/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps \
  --class-path "$(printf '%s:' "$out"/lib/*.jar)" "$out/opbench.jar" 2>/dev/null)" \
  || die "jdeps failed on opbench.jar"
# Jackson's module-info says `requires static java.desktop` / `java.sql`: optional, loaded only to handle java.beans
# annotations and java.sql.Date values, which opbench's records never contain.
modules="$(printf '%s\n' ${found_modules//,/ } java.base jdk.unsupported jdk.management \
  | grep -v -x -e java.desktop -e java.sql | sort -u | paste -sd, -)"
echo "bundle.sh: jlink --add-modules $modules" >&2
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$out/jre" || die "jlink failed"
# jlink links each module's legal files to java.base's: plain copies travel anywhere (the device tool carries links
# only as links)
find "$out" -type l | while IFS= read -r l; do
  cp --remove-destination "$(readlink -f "$l")" "$l" || die "cannot replace the link $l"
done

commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
dirty="$(git status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo ' (with uncommitted changes)' || true)"
{
  echo "opbench GPU check bundle, built $(date -u +%Y-%m-%dT%H:%M:%SZ) from commit $commit$dirty"
  echo "runtime: jlink of $("$java_home/bin/java" -version 2>&1 | head -1), modules $modules"
  echo "jars:"
  (cd "$out" && ls -l opbench.jar lib/ | awk 'NF >= 9 {print "  " $9 " " $5}')
} >"$out/BUNDLE.txt"

echo "bundle.sh: jre $(mib "$(du -sb "$out/jre" | cut -f1)") MiB, jars $(mib "$(du -cb "$out/opbench.jar" "$out"/lib/*.jar | tail -1 | cut -f1)") MiB"
echo "size_bytes=$(du -sb "$out" | cut -f1)" >>"$out/BUNDLE.txt"
if ! check_size; then
  rm -rf "$out"
  die "removed $out"
fi
# A smoke test of the bundle itself: its runtime starts opbench.
"$out/jre/bin/java" -jar "$out/opbench.jar" --help >/dev/null \
  || die "the bundled runtime cannot start opbench ($out/jre/bin/java -jar $out/opbench.jar --help)"
echo "bundle.sh: ok; on the GPU machine run: OUT=... benchmarks/gpu/verify.sh (device tool: carry benchmarks/gpu/bundle)"
