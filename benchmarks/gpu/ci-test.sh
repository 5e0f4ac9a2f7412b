#!/usr/bin/env bash
# CI test of the GPU check (issue 19), on a machine without a GPU (CI never has one); run by .ci/run after the tests.
#   1. benchmarks/gpu/bundle.sh builds the bundle under its size limits (it fails over them);
#   2. its size check refuses a bundle over a limit (BUNDLE_LIMIT_MIB=1 ... --check must fail);
#   3. the bundle's own runtime lists every backend the full build lists (none dropped for a missing jar), each
#      unavailable one with a reason;
#   4. benchmarks/gpu/verify.sh ends with exit 0 and reports `cudnn` unavailable with its reason.
# Exit 0 when all hold, 1 with the first failure named.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
bundle="${BUNDLE_DIR:-$repo/benchmarks/gpu/bundle}"
export BUNDLE_DIR="$bundle"
fail() { echo "gpu ci-test: FAIL: $*" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "gpu ci-test: 1. bundle.sh" >&2
benchmarks/gpu/bundle.sh || fail "benchmarks/gpu/bundle.sh failed (exit $?)"

echo "gpu ci-test: 2. the size limit" >&2
if BUNDLE_LIMIT_MIB=1 benchmarks/gpu/bundle.sh --check 2>"$tmp/check.err"; then
  fail "bundle.sh --check accepted the bundle under a 1 MiB limit"
fi
grep -q 'over the limit' "$tmp/check.err" || fail "bundle.sh --check did not say why it refused: $(cat "$tmp/check.err")"
benchmarks/gpu/bundle.sh --check >/dev/null || fail "bundle.sh --check refused the bundle under its own limits"

echo "gpu ci-test: 3. the bundle lists every backend" >&2
names() { grep -o '^  "name" : "[^"]*"' "$1" | sort; }
java -jar target/opbench.jar list backends --format json >"$tmp/full.json" 2>"$tmp/full.err" \
  || fail "list backends (full build) failed: $(cat "$tmp/full.err")"
"$bundle/jre/bin/java" -jar "$bundle/opbench.jar" list backends --format json >"$tmp/bundle.json" 2>"$tmp/bundle.err" \
  || fail "list backends (bundle) failed: $(cat "$tmp/bundle.err")"
[ -n "$(names "$tmp/full.json")" ] || fail "no backend names in the full build's list backends --format json"
[ "$(names "$tmp/full.json")" = "$(names "$tmp/bundle.json")" ] \
  || fail "the bundle lists other backends than the full build: $(diff <(names "$tmp/full.json") <(names "$tmp/bundle.json") | paste -sd' ' -)"
if grep -q 'could not be instantiated' "$tmp/bundle.err"; then
  fail "a provider could not be created from the bundle: $(cat "$tmp/bundle.err")"
fi
no_reason="$(awk '/^  "name" : /{n = $3} /^  "available" : false/{u = 1} /^  "available" : true/{u = 0}
  /^  "reason" : null/ && u {print n}' "$tmp/bundle.json")"
[ -z "$no_reason" ] || fail "unavailable without a reason in the bundle: $no_reason"

echo "gpu ci-test: 4. verify.sh without a GPU" >&2
if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L 2>/dev/null | grep -q .; then
  echo "gpu ci-test: SKIP 4: this machine has an NVIDIA GPU, so verify.sh's no-GPU path does not apply" >&2
else
  OUT="$tmp/out" benchmarks/gpu/verify.sh >"$tmp/verify.out" 2>&1 \
    || fail "verify.sh ended with exit $? without a GPU: $(tail -5 "$tmp/verify.out")"
  grep -q '^cudnn: unavailable: ..*' "$tmp/out/summary.txt" \
    || fail "verify.sh's summary does not report cudnn unavailable with a reason: $(cat "$tmp/out/summary.txt")"
  grep -q '^RESULT: ok' "$tmp/out/summary.txt" || fail "verify.sh's summary does not end with RESULT: ok"
  for f in summary.txt environment.txt nvidia-smi.txt opbench.log backends.json; do
    [ -s "$tmp/out/$f" ] || fail "verify.sh wrote no $f"
  done
  [ "$(ls "$tmp/out" | wc -l)" -le 8 ] || fail "verify.sh wrote more than the device tool's 8 files"
  grep '^cudnn: unavailable' "$tmp/out/summary.txt" >&2
fi
echo "gpu ci-test: ok" >&2
