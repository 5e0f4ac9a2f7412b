#!/usr/bin/env bash
# Throughput of the same ONNX file through opbench (Java binding) and onnxruntime-node, interleaved.
#   benchmarks/ort-node/compare.sh MODEL [THREADS] [BATCHES] [ROUNDS]      e.g. compare.sh resnet-50 1 1,8 3
# Needs: npm install --no-audit --no-fund (in this folder) once. Prints one JSON line per measurement.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
model="$1"; threads="${2:-1}"; batches="${3:-1,8}"; rounds="${4:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/opbench" export "$model" --out "$work/$model.onnx" >&2
for r in $(seq "$rounds"); do
  "$root/opbench" network --model "$model" --backends onnxruntime --algorithms cpu-all --threads "$threads" \
      --batch "$batches" --reps 10 --min-time 1 --profile-runs 0 -q --out "$work/o$r.jsonl" >/dev/null
  grep '"record":"network"' "$work/o$r.jsonl" | node -e '
    let s = ""; process.stdin.on("data", d => s += d).on("end", () => s.trim().split("\n").forEach(l => {
      const n = JSON.parse(l);
      console.log(JSON.stringify({client: "opbench", round: '"$r"', model: n.model, batch: n.batch,
        threads: n.threads, min_us: n.time_us && n.time_us.min, median_us: n.time_us && n.time_us.median, throughput_ips: n.throughput_ips}));
    }));'
  node "$here/run.mjs" "$work/$model.onnx" --batch "$batches" --threads "$threads" --opt all --reps 10 \
      --min-time 1 | sed "s/^{/{\"round\":$r,/"
done
