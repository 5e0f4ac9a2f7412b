#!/usr/bin/env bash
# Does `opbench compare` name the points of ONE backend slowed by a competing process, and only those? (issue 15)
#
#   benchmarks/slowed.sh [--slow BACKEND] [--others B1,B2] [--hog same|beside] [SWEEP ARGS...]
#     defaults: --slow dnnl --others onnxruntime,opencv --hog same, sweep args --threads 1
#   SLOWED_DIR=DIR keeps the result files there (default: a new directory under results/)
#
# Each run is two sweeps of the same plan parts: the slowed backend's groups with their workers on CPU S
# (`--worker-launcher "taskset -c S"`), the other backends' groups on CPU Q. The quiet run has nothing beside them;
# the slowed run starts the competing process for the slowed backend's sweep only:
#   --hog same    `yes > /dev/null` pinned to CPU S, sharing the slowed workers' core (the scheduler time-slices
#                 the two; repetitions that straddle a switch are slow, and the data comes back cold after each)
#   --hog beside  `dd if=/dev/zero of=/dev/null bs=256M` on CPU Q: a memory streamer on the other core, which
#                 slows every repetition of memory-bound points through the shared cache and memory bandwidth
# Then `opbench compare quiet slowed` per part; the script prints the points compare names as changed and counts
# them per part. Expected: the slowed backend's points named (slower), the others' not. Needs 2 CPUs, taskset and
# python3; measure on an otherwise quiet machine (docs/measurement.md#reproducible-numbers).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
opbench="$here/opbench"
slow=dnnl
others=onnxruntime,opencv
hog=same
args=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --slow) slow="${2:?--slow needs a backend}"; shift 2 ;;
    --others) others="${2:?--others needs backends}"; shift 2 ;;
    --hog) hog="${2:?--hog needs same or beside}"; shift 2 ;;
    --out|--out=*|--resume|--force|--backends|--backends=*|--worker-launcher|--worker-launcher=*|--pin)
      echo "slowed.sh: $1 is set by the script; leave it out" >&2; exit 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
case "$hog" in same|beside) ;; *) echo "slowed.sh: --hog must be same or beside, not $hog" >&2; exit 2 ;; esac
[ "${#args[@]}" -eq 0 ] && args=(--threads 1)
for tool in taskset python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "slowed.sh: $tool is needed and not on PATH" >&2
    exit 2
  fi
done
cpus="$(python3 -c 'import os; print(" ".join(map(str, sorted(os.sched_getaffinity(0)))))')"
read -r -a cpu_list <<<"$cpus"
if [ "${#cpu_list[@]}" -lt 2 ]; then
  echo "slowed.sh: needs 2 CPUs (one for the slowed backend, one for the others); this process may use: $cpus" >&2
  exit 2
fi
slow_cpu="${cpu_list[${#cpu_list[@]}-1]}"
quiet_cpu="${cpu_list[${#cpu_list[@]}-2]}"
dir="${SLOWED_DIR:-$here/results/slowed-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$dir"
for f in quiet-slow quiet-others slowed-slow slowed-others; do
  if [ -e "$dir/$f.jsonl" ]; then
    echo "slowed.sh: $dir/$f.jsonl already exists; choose another SLOWED_DIR" >&2
    exit 2
  fi
done

hog_pid=""
stop_hog() {
  if [ -n "$hog_pid" ]; then
    kill "$hog_pid" 2>/dev/null || true
    wait "$hog_pid" 2>/dev/null || true
    hog_pid=""
  fi
}
trap stop_hog EXIT INT TERM

# one part: the given backends' workers on one CPU, all of them alive at once (rounds interleaved as usual)
part() { # NAME BACKENDS CPU
  echo "slowed.sh: $1: opbench sweep --backends $2 --worker-launcher 'taskset -c $3' ${args[*]}" >&2
  "$opbench" sweep --backends "$2" --worker-launcher "taskset -c $3" --live-workers 8 "${args[@]}" \
    --out "$dir/$1.jsonl" -q >"$dir/$1.txt"
}

part quiet-slow "$slow" "$slow_cpu"
part quiet-others "$others" "$quiet_cpu"
if [ "$hog" = same ]; then
  taskset -c "$slow_cpu" yes >/dev/null &
else
  taskset -c "$quiet_cpu" sh -c 'while :; do dd if=/dev/zero of=/dev/null bs=256M count=64 2>/dev/null; done' &
fi
hog_pid=$!
echo "slowed.sh: competing process $hog_pid (--hog $hog) started for the slowed backend's sweep" >&2
part slowed-slow "$slow" "$slow_cpu"
stop_hog
part slowed-others "$others" "$quiet_cpu"

for p in slow others; do
  "$opbench" compare "$dir/quiet-$p.jsonl" "$dir/slowed-$p.jsonl" --format json >"$dir/compare-$p.json" || true
done
python3 - "$dir" "$slow" "$hog" <<'PY'
import json, os, sys
d, slow, hog = sys.argv[1], sys.argv[2], sys.argv[3]
print("slowed backend: %s (--hog %s); points compare names as changed:" % (slow, hog))
named = {}
for part in ("slow", "others"):
    with open(os.path.join(d, "compare-%s.json" % part)) as f:
        c = json.load(f)
    rows = c.get("points", [])
    changed = [r for r in rows if r.get("verdict") != "same"]
    named[part] = (len(changed), len(rows))
    for r in changed:
        print("  %-8s %-34s %-28s t%-2s %+7.1f%%  %s" % (part, r.get("layer") or r["key"], r.get("config", ""),
                                                      r.get("threads"), r.get("change_pct") or 0, r["verdict"]))
    for t in c.get("totals", []):
        print("  %-8s total %-28s %-22s %+7.1f%%  %s" % (part, t.get("network", ""), t.get("config", ""),
                                                     t.get("change_pct") or 0, t["verdict"]))
print("named: %d of %d points of the slowed backend, %d of %d points of the others (expected: most, and none)"
      % (named["slow"][0], named["slow"][1], named["others"][0], named["others"][1]))
PY
echo "slowed.sh: files in $dir" >&2
