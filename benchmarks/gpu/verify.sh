#!/usr/bin/env bash
# The GPU check (issue 19), run from the repository root on a lent GPU machine, with the bundle that
# benchmarks/gpu/bundle.sh built here carried along (device tool: carry ["benchmarks/gpu/bundle"]):
#
#   OUT=/some/folder benchmarks/gpu/verify.sh
#
# 1. records the machine: nvidia-smi, the driver, the image's CUDA / cuDNN / cuBLAS libraries (from the Python wheels
#    nvidia-cudnn-cu13, nvidia-cublas, nvidia-cuda-runtime, nvidia-cuda-nvrtc, or the system), and whether their
#    sonames and symbols are the ones the org.bytedeco:cuda preset's JNI libraries link against;
# 2. points the dynamic loader (LD_LIBRARY_PATH, which JavaCPP's loader also searches) at those libraries and runs
#    `opbench list backends` with the bundle's own Java runtime;
# 3. if `cudnn` is available: a sweep of benchmarks/gpu/problems.txt (conv with every algorithm and the find tuner,
#    fc, pool, softmax) and a sweep of MobileNet-v1-1.0-224 (cudnn auto with tuners none and find, and the reference
#    timed too), every point checked against the reference;
# 4. ends with a summary: status per point, rel_err, device time, the algorithm cuDNN's find chose, conv totals.
#
# Everything goes under $OUT (at most 8 files, the device tool's limit): summary.txt, environment.txt,
# nvidia-smi.txt, opbench.log (stdout and stderr of every opbench command), backends.json, problems.jsonl,
# mobilenet.jsonl. Each opbench command runs under a time limit (list 60 s, problems 180 s, MobileNet 120 s), so
# the whole check ends within about 6 minutes even when something hangs (a device call of timeout_s=420 leaves a
# rerun inside the 15 device minutes); it should take one or two.
#
# Exit status: 0 when the check ran and every point is ok (or unsupported: cuDNN's own refusal, with its status), and
# also when this machine has no NVIDIA GPU and `cudnn` is reported unavailable with its reason (the CI path);
# 1 when there is a GPU but `cudnn` is unavailable, or a point failed, mismatched or timed out, or a command failed
# or ran out of time; 2 when the bundle is missing. The summary is written in every case.
#
# Environment: OUT (default results/gpu-check-<UTC time>), BUNDLE_DIR (default benchmarks/gpu/bundle),
# GPU_CHECK_BACKEND (default cudnn; `reference` runs the whole pipeline on a machine without a GPU, to test this
# script), JAVACPP_DEBUG=1 (JavaCPP's loader logs every library it tries, into opbench.log).
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
bundle="${BUNDLE_DIR:-$repo/benchmarks/gpu/bundle}"
backend="${GPU_CHECK_BACKEND:-cudnn}"
OUT="${OUT:-$repo/results/gpu-check-$(date -u +%Y%m%d-%H%M%S)}"
java="$bundle/jre/bin/java"

# A copy that lost the execute bits (a carried folder, an unpacked archive): the launcher, and jspawnhelper, through
# which the JVM starts the worker processes.
for f in "$bundle"/jre/bin/* "$bundle"/jre/lib/jspawnhelper "$bundle"/jre/lib/jexec; do
  [ ! -f "$f" ] || [ -x "$f" ] || chmod u+x "$f"
done
if [ ! -x "$java" ] || [ ! -f "$bundle/opbench.jar" ]; then
  echo "verify.sh: no GPU check bundle at $bundle: build it with benchmarks/gpu/bundle.sh (and carry" \
    "benchmarks/gpu/bundle to the GPU machine)" >&2
  exit 2
fi
mkdir -p "$OUT" || { echo "verify.sh: cannot create OUT=$OUT" >&2; exit 2; }
OUT="$(cd "$OUT" && pwd)"
summary="$OUT/summary.txt"
facts="$OUT/environment.txt"
log="$OUT/opbench.log"
: >"$summary"
: >"$facts"
: >"$log"
work="$(mktemp -d "${TMPDIR:-/tmp}/opbench-gpu-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT
started=$SECONDS
problems=0    # things that make the exit status 1

say() { echo "$*" | tee -a "$summary"; }
fact() { echo "$*" >>"$facts"; }
section() { printf '\n== %s\n' "$*" >>"$facts"; }

# ---------------------------------------------------------------------------------------------------------- facts
say "opbench GPU check, $(date -u +%Y-%m-%dT%H:%M:%SZ), backend under test: $backend"
section "machine"
fact "host: $(hostname 2>/dev/null) $(uname -srm)"
fact "os: $(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-?}")"
fact "cpus: $(nproc 2>/dev/null), memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null)"
fact "repo commit: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '(not a git checkout)')"
section "bundle"
cat "$bundle/BUNDLE.txt" >>"$facts" 2>/dev/null || fact "(no BUNDLE.txt)"
"$java" -version >>"$facts" 2>&1
# the bundled JVM's own needs (libz.so.1, libstdc++.so.6, glibc 2.34 or newer): a machine lacking one cannot start it
# (libjvm.so and libjava.so themselves the launcher loads by path)
jvm_missing="$(ldd "$bundle/jre/lib/server/libjvm.so" "$bundle/jre/lib/libzip.so" 2>&1 | grep 'not found' \
  | grep -v -E '^[[:space:]]*lib(jvm|java)\.so ' || true)"
if [ -n "$jvm_missing" ]; then
  say "the bundled Java runtime lacks system libraries here: $(echo "$jvm_missing" | sed 's/^[[:space:]]*//' | paste -sd';' -)"
fi

gpu_seen=0
section "nvidia-smi"
if command -v nvidia-smi >/dev/null 2>&1; then
  { nvidia-smi; echo; nvidia-smi -q; } >"$OUT/nvidia-smi.txt" 2>&1
  gpus="$(nvidia-smi -L 2>/dev/null)"
  fact "${gpus:-nvidia-smi -L lists no GPU}"
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm,clocks.max.mem,power.limit \
    --format=csv >>"$facts" 2>&1
  [ -n "$gpus" ] && gpu_seen=1
else
  echo "nvidia-smi not found: no NVIDIA driver tools on this machine" >"$OUT/nvidia-smi.txt"
  fact "nvidia-smi not found"
fi
say "GPU: $([ "$gpu_seen" = 1 ] && nvidia-smi -L 2>/dev/null | head -1 || echo 'none seen (no nvidia-smi, or it lists no GPU)')"

# ------------------------------------------------------------------------------------------ NVIDIA libraries
# The sonames the preset's JNI libraries (org.bytedeco:cuda 13.1-9.19-1.5.13: libjnicudart, libjnicublas, libjnicudnn)
# are linked against, and the cuDNN 9 libraries libcudnn_graph loads itself. Optional ones: NVRTC (cuDNN's
# runtime-compiled engines) and nvJitLink.
required=(libcuda.so.1 libcudart.so.13 libcublas.so.13 libcublasLt.so.13 libcudnn.so.9 libcudnn_graph.so.9
  libcudnn_ops.so.9 libcudnn_cnn.so.9 libcudnn_adv.so.9 libcudnn_engines_precompiled.so.9
  libcudnn_engines_runtime_compiled.so.9 libcudnn_heuristic.so.9)
optional=(libnvrtc.so.13 libnvJitLink.so.13)
section "Python wheels"
roots=()
if command -v python3 >/dev/null 2>&1; then
  fact "python3: $(command -v python3) $(python3 --version 2>&1)"
  # the `nvidia` namespace package of the wheels (nvidia/cudnn/lib, nvidia/cu13/lib, nvidia/cublas/lib, ...)
  while IFS= read -r d; do [ -d "$d" ] && roots+=("$d"); done < <(python3 -c '
import sys
try:
    import nvidia
    print("\n".join(nvidia.__path__))
except Exception as e:
    print("no python package nvidia: %s" % e, file=sys.stderr)' 2>>"$facts")
  python3 -m pip list 2>/dev/null | grep -i -E '^(nvidia-|cuda-)' >>"$facts" || fact "(pip list shows no nvidia-* packages)"
else
  fact "python3 not found: no wheels searched"
fi
fact "wheel roots: ${roots[*]:-(none)}"
# then the system's places (never a stubs/ folder: its libcuda.so is a link-time stub that fails every call)
for d in /usr/local/nvidia/lib64 /usr/local/nvidia/lib /usr/local/cuda/lib64 /usr/local/cuda/targets/x86_64-linux/lib \
  /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/lib; do
  [ -d "$d" ] && roots+=("$d")
done

# every shared library under the roots, once, in root order (find -L: the wheels' and the driver's folders hold links)
for r in "${roots[@]}"; do
  find -L "$r" -maxdepth 4 -name 'lib*.so*' -not -path '*/stubs/*' \( -type f -o -type l \) 2>/dev/null
done >"$work/libs.txt"
find_lib() {  # the first library file called $1
  awk -v n="$1" '{ k = $0; sub(/.*\//, "", k) } k == n { print; exit }' "$work/libs.txt" | grep .
}
other_versions() {  # other sonames of the same library (libcudart.so.12 where .13 is wanted), for the message
  local base="${1%%.so*}"
  awk -v b="$base" '{ k = $0; sub(/.*\//, "", k) } index(k, b ".so") == 1' "$work/libs.txt" | sort -u | head -5 \
    | paste -sd' ' -
}

section "NVIDIA libraries (soname -> file)"
libdirs=()
missing=()
for so in "${required[@]}" "${optional[@]}"; do
  if f="$(find_lib "$so")"; then
    real="$(readlink -f "$f")"
    fact "$so -> $f${real:+ (= $(basename "$real"))}"
    dir="$(dirname "$f")"
    [[ " ${libdirs[*]:-} " == *" $dir "* ]] || libdirs+=("$dir")
  elif [ "$so" = libcuda.so.1 ] && ldconfig -p 2>/dev/null | grep -q 'libcuda\.so\.1 '; then
    fact "$so -> (the dynamic loader's cache) $(ldconfig -p | grep 'libcuda\.so\.1 ' | head -1 | sed 's/.*=> //')"
  else
    others="$(other_versions "$so")"
    if [[ " ${optional[*]} " == *" $so "* ]]; then
      fact "$so -> not found (optional)${others:+; found instead: $others}"
    else
      missing+=("$so")
      if [ -n "$others" ]; then
        fact "$so -> MISMATCH: not found, but $others: the preset's JNI libraries link against $so"
      else
        fact "$so -> not found"
      fi
    fi
  fi
done
if [ "${#libdirs[@]}" -gt 0 ]; then
  export LD_LIBRARY_PATH="$(IFS=:; echo "${libdirs[*]}")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
fact "LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"
if [ "${#missing[@]}" -gt 0 ]; then
  say "NVIDIA libraries missing: ${missing[*]} (details: environment.txt)"
  grep -F 'MISMATCH' "$facts" | sed 's/^/  /' | tee -a "$summary"
else
  say "NVIDIA libraries: all found (environment.txt lists them)"
fi

# Do the preset's JNI libraries resolve every symbol against these libraries? (ldd -r binds functions as well as
# data, so a runtime older than the 13.1 / 9.19 the preset was built against shows here as "undefined symbol".)
section "symbol check of the preset's JNI libraries (ldd -r)"
cuda_jar="$(ls "$bundle"/lib/cuda-*-linux-x86_64.jar 2>/dev/null | head -1)"
jni="$work/jni"
mkdir -p "$jni"
if [ -n "$cuda_jar" ] && command -v python3 >/dev/null 2>&1 && command -v ldd >/dev/null 2>&1; then
  python3 - "$cuda_jar" "$jni" <<'EOF' 2>>"$facts"
import sys, zipfile, os
jar, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(jar) as z:
    for n in z.namelist():
        b = os.path.basename(n)
        if b in ("libjnicudart.so", "libjnicublas.so", "libjnicudnn.so"):
            open(os.path.join(dest, b), "wb").write(z.read(n))
EOF
  for l in libjnicudart.so libjnicublas.so libjnicudnn.so; do
    [ -f "$jni/$l" ] || { fact "$l: not in $cuda_jar"; continue; }
    out="$(ldd -r "$jni/$l" 2>&1)"
    libs_missing="$(echo "$out" | grep -E '=> not found' | sed 's/^[[:space:]]*//; s/ => not found//' | paste -sd' ' -)"
    undefined="$(echo "$out" | grep -E '^undefined symbol' | sed 's/^undefined symbol: //; s/[[:space:]](.*//' || true)"
    n_undef="$(echo -n "$undefined" | grep -c . || true)"
    if [ -z "$libs_missing" ] && [ "$n_undef" = 0 ]; then
      fact "$l: every library and symbol resolves"
      continue
    fi
    fact "$l: libraries not found: ${libs_missing:-none}; undefined symbols: $n_undef"
    echo "$undefined" | head -12 | sed 's/^/    /' >>"$facts"
    if [ -n "$libs_missing" ]; then
      say "symbol check: $l: libraries not found: $libs_missing"
    else
      # functions bind lazily: only calling one of these would fail (with "symbol lookup error", ending the worker)
      say "symbol check: $l: $n_undef symbols the found libraries lack (older than the preset's 13.1 / 9.19?)," \
        "e.g. $(echo "$undefined" | head -3 | paste -sd' ' -); only a call to one of them would fail"
    fi
  done
else
  fact "skipped (needs python3, ldd and the cuda jar in the bundle)"
fi

# ------------------------------------------------------------------------------------------------ opbench
export OPBENCH_HOME="$repo"
export OPBENCH_CACHE="$work/cache"
# JavaCPP unpacks the presets' JNI libraries into its cache (by default ~/.javacpp/cache): a fresh folder here
jvm=(-Dopbench.home="$repo" -Dorg.bytedeco.javacpp.cachedir="$work/javacpp")
worker_args=(--worker-jvm-arg=-Dorg.bytedeco.javacpp.cachedir="$work/javacpp")
if [ "${JAVACPP_DEBUG:-0}" = 1 ]; then
  jvm+=(-Dorg.bytedeco.javacpp.logger.debug=true)
  worker_args+=(--worker-jvm-arg=-Dorg.bytedeco.javacpp.logger.debug=true)
fi
opbench() {  # opbench with the bundle's runtime under a time limit: opbench SECONDS ARGS...; output to opbench.log
  local limit="$1"
  shift
  echo "\$ opbench $*" >>"$log"
  timeout -k 10 "$limit" "$java" "${jvm[@]}" -jar "$bundle/opbench.jar" "$@" >>"$log" 2>&1
  local rc=$?
  echo "(exit $rc after $((SECONDS - started)) s of the check)" >>"$log"
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    say "opbench $1 ran past its ${limit}s limit and was stopped (what it wrote is kept)"
  fi
  return "$rc"
}

opbench 60 list backends || { say "opbench list backends failed (opbench.log)"; problems=$((problems + 1)); }
"$java" "${jvm[@]}" -jar "$bundle/opbench.jar" list backends "$backend" --format json >"$OUT/backends.json" 2>>"$log"
avail="$(sed -n 's/^  "available" : \(true\|false\),$/\1/p' "$OUT/backends.json" | head -1)"
reason="$(sed -n 's/^  "reason" : "\(.*\)",$/\1/p' "$OUT/backends.json" | head -1)"
version="$(sed -n 's/^  "version" : "\(.*\)",$/\1/p' "$OUT/backends.json" | head -1)"
device="$(sed -n 's/^  "device" : "\(.*\)",$/\1/p' "$OUT/backends.json" | head -1)"

finish() {
  say "time: $((SECONDS - started)) s; files in $OUT: $(cd "$OUT" && ls | paste -sd' ' -)"
  if [ "$problems" -gt 0 ]; then
    say "RESULT: $problems problem(s), see above"
    exit 1
  fi
  say "RESULT: ok"
  exit 0
}

case "$avail" in
  true) say "$backend: available: $version on $device" ;;
  false)
    say "$backend: unavailable: $reason"
    if [ "$gpu_seen" = 1 ]; then
      say "there is a GPU, but $backend cannot use it: fix the reason above (environment.txt lists the libraries)"
      problems=$((problems + 1))
    else
      say "no NVIDIA GPU here, so this is the expected outcome: nothing to measure"
    fi
    finish ;;
  *)
    say "could not read $backend's availability from 'opbench list backends $backend --format json' (opbench.log)"
    problems=$((problems + 1))
    finish ;;
esac

# ------------------------------------------------------------------------------------------------- measure
# Short measurements: these points check that every path runs and computes the right thing, and give first device
# times; they are not a benchmark (for that: ./opbench sweep with its default settings).
measure=(--reps 5 --min-time 0.05 --max-time 1 --warmup 0.05 --point-timeout 60 --quiet "${worker_args[@]}")
# every algorithm and tuner the backend has, on the check's problems
opbench 180 sweep --tensors benchmarks/gpu/problems.txt --backends "$backend" --algorithms all --tuners all \
  "${measure[@]}" --out "$OUT/problems.jsonl" --force \
  || { say "the problems sweep ended with exit $? (opbench.log)"; problems=$((problems + 1)); }
# MobileNet-v1: the default algorithm with and without the tuners, and the reference timed as well
mobilenet_backends="$backend"
[ "$backend" = reference ] || mobilenet_backends="$backend,reference"
opbench 120 sweep --tensors mobilenet-v1-1.0-224 --backends "$mobilenet_backends" --algorithms default --tuners all \
  "${measure[@]}" --out "$OUT/mobilenet.jsonl" --force \
  || { say "the MobileNet sweep ended with exit $? (opbench.log)"; problems=$((problems + 1)); }
command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi --query-gpu=clocks.sm,clocks.mem,temperature.gpu,power.draw \
  --format=csv >>"$facts" 2>&1

# ------------------------------------------------------------------------------------------------- summary
if command -v python3 >/dev/null 2>&1; then
  python3 "$repo/benchmarks/gpu/summary.py" "$OUT/problems.jsonl" "$OUT/mobilenet.jsonl" 2>&1 | tee -a "$summary"
  rc=${PIPESTATUS[0]}
  # 3: points failed, mismatched or timed out (listed in the summary)
  [ "$rc" = 0 ] || problems=$((problems + 1))
  [ "$rc" = 0 ] || [ "$rc" = 3 ] || echo "summary.py failed (exit $rc)" >>"$summary"
else
  {
    echo "python3 not found: status counts only (the JSONL files hold everything)"
    for f in "$OUT/problems.jsonl" "$OUT/mobilenet.jsonl"; do
      echo "$(basename "$f"): $(grep -o '"status":"[a-z]*"' "$f" 2>/dev/null | sort | uniq -c | paste -sd' ' -)"
    done
  } | tee -a "$summary"
  grep -q -E '"status":"(failed|mismatch|timeout)"' "$OUT"/*.jsonl 2>/dev/null && problems=$((problems + 1))
fi
finish
