#!/usr/bin/env bash
# Throughput of the same ONNX file through opbench (Java binding) and onnxruntime-node, interleaved.
#   benchmarks/ort-node/compare.sh MODEL [THREADS] [BATCHES] [ROUNDS] [INPUT_SHAPE]   e.g. compare.sh resnet-50 1 1,8 3
# MODEL is a built-in network (exported first) or an ONNX file; INPUT_SHAPE (NAME:1xCxHxW) sets a file's free sizes.
# Needs: npm install --no-audit --no-fund (in this folder) once. Prints one JSON line per measurement.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
model="$1"; threads="${2:-1}"; batches="${3:-1,8}"; rounds="${4:-3}"; input_shape="${5:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
shape_args=(); node_shape=()
if [ -f "$model" ]; then   # the user's ONNX file, e.g. compare.sh det.onnx 1 1 3 x:1x3x640x640
  onnx="$model"
  if [ -n "$input_shape" ]; then
    shape_args=(--input-shape "$input_shape")
    node_shape=(--shape "$(echo "${input_shape##*:}" | cut -dx -f2-)")
  fi
else
  onnx="$work/$model.onnx"
  "$root/opbench" export "$model" --out "$onnx" >&2
fi
for r in $(seq "$rounds"); do
  "$root/opbench" network --model "$model" "${shape_args[@]}" --backends onnxruntime --algorithms cpu-all --threads "$threads" \
      --batch "$batches" --reps 10 --min-time 1 --profile-runs 0 -q --out "$work/o$r.jsonl" >/dev/null
  grep '"record":"network"' "$work/o$r.jsonl" | node -e '
    let s = ""; process.stdin.on("data", d => s += d).on("end", () => s.trim().split("\n").forEach(l => {
      const n = JSON.parse(l);
      console.log(JSON.stringify({client: "opbench", round: '"$r"', model: n.model, batch: n.batch,
        threads: n.threads, min_us: n.time_us && n.time_us.min, median_us: n.time_us && n.time_us.median, throughput_ips: n.throughput_ips}));
    }));'
  node "$here/run.mjs" "$onnx" "${node_shape[@]}" --batch "$batches" --threads "$threads" --opt all --reps 10 \
      --min-time 1 | sed "s/^{/{\"round\":$r,/"
done
