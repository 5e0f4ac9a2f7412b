#!/usr/bin/env bash
# Submits an opbench sweep as a Slurm job array of N shards and a merge job that runs when all of them succeeded.
#   deploy/slurm/submit.sh [--shards N] [--dir OUT_DIR] [--wait] [SBATCH_OPTION...] -- SWEEP_ARGS...
# e.g. deploy/slurm/submit.sh --shards 4 --dir results/fleet -- --tensors mobilenet-v1-0.25-128 --backends reference,dnnl
# Shard files: OUT_DIR/shard-K-of-N.jsonl; merged: OUT_DIR/merged.jsonl. --wait returns when the merge job ends, with
# its exit status. Other options before -- go to both sbatch calls (e.g. --partition=jetson --time=02:00:00).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
n=4
dir="results/fleet-$(date +%Y%m%d-%H%M%S)"
wait=()
sbatch_opts=()
while [ $# -gt 0 ]; do
  case "$1" in
    --shards) n="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --wait) wait=(--wait); shift ;;
    --) shift; break ;;
    *) sbatch_opts+=("$1"); shift ;;
  esac
done
if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
  echo "submit.sh: --shards must be a positive whole number, not '$n'" >&2
  exit 2
fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
array="$(sbatch --parsable "${sbatch_opts[@]}" --array="0-$((n - 1))" --output="$dir/shard-%a.log" \
  "$here/opbench-shard.sbatch" "$dir" "$@")"
array="${array%%;*}"
echo "submit.sh: shards: job array $array (--array=0-$((n - 1))), files $dir/shard-K-of-$n.jsonl" >&2
merge="$(sbatch --parsable "${sbatch_opts[@]}" "${wait[@]}" --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  --output="$dir/merge.log" "$here/opbench-merge.sbatch" "$dir" "$n" "$dir/merged.jsonl")" || {
  status=$?
  echo "submit.sh: the merge job failed or was cancelled (a shard failed?); see $dir/merge.log and $dir/shard-*.log" >&2
  exit "$status"
}
echo "submit.sh: merge: job ${merge%%;*} (after $array succeeds), file $dir/merged.jsonl" >&2
echo "$array ${merge%%;*}"
