#!/usr/bin/env bash
# A/A reproducibility of opbench (issue 15): runs the same sweep twice and reports, per backend and thread count,
# the share of points whose headline (median) moved by more than 3%, 5% and 10%, the ratio of the network totals
# (sum of median x repeat), how many points `opbench compare` calls changed, and how many are unstable.
#
#   benchmarks/aa.sh [SWEEP ARGS...]      default: --backends dnnl,onnxruntime,opencv --threads 1,2
#   AA_DIR=DIR keeps the two result files there (default: a new directory under results/)
#
# Its figures mean something only on a quiet machine (docs/measurement.md#measure-on-a-quiet-machine).
# Needs python3 for the comparison.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
opbench="$here/opbench"
if ! command -v python3 >/dev/null 2>&1; then
  echo "aa.sh: python3 is needed to compare the two runs; install it (e.g. apt-get install python3)" >&2
  exit 2
fi
if [ "$#" -eq 0 ]; then
  set -- --backends dnnl,onnxruntime,opencv --threads 1,2
fi
for a in "$@"; do
  case "$a" in
    --out|--out=*|--resume|--force) echo "aa.sh: $a is set by the script; leave it out" >&2; exit 2 ;;
  esac
done
dir="${AA_DIR:-$here/results/aa-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$dir"
for run in a b; do
  if [ -e "$dir/$run.jsonl" ]; then
    echo "aa.sh: $dir/$run.jsonl already exists; choose another AA_DIR" >&2
    exit 2
  fi
done
for run in a b; do
  echo "aa.sh: run $run: opbench sweep $* --out $dir/$run.jsonl" >&2
  "$opbench" sweep "$@" --out "$dir/$run.jsonl" -q >"$dir/$run.txt"
done

# compare each (backend, threads) group on its own, so that compare's counts are per group
python3 - "$dir" "$opbench" <<'PY'
import json, os, re, subprocess, sys
from collections import defaultdict

d, opbench = sys.argv[1], sys.argv[2]

def points(path):
    out = {}
    with open(path) as f:
        for line in f:
            r = json.loads(line)
            if r.get("record") != "point":
                continue
            key = (r["op"], r["problem"], r["backend"], r["algorithm"], r["tuner"], r["threads"], r["batch"])
            out[key] = r
    return out

def lines(path):
    with open(path) as f:
        return [l for l in f]

a, b = points(os.path.join(d, "a.jsonl")), points(os.path.join(d, "b.jsonl"))
header_a = lines(os.path.join(d, "a.jsonl"))[0]
header_b = lines(os.path.join(d, "b.jsonl"))[0]
groups = defaultdict(list)
for key in sorted(set(a) & set(b)):
    groups[(key[2], key[5])].append(key)

def ok(r):
    return r.get("status") == "ok" and r.get("time_us")

def compare(group, keys):
    """Runs opbench compare on the group's points alone; returns the number it reports as changed, or None."""
    paths = []
    for run, pts, header in (("a", a, header_a), ("b", b, header_b)):
        p = os.path.join(d, "%s-%s-t%d.jsonl" % (run, group[0], group[1]))
        with open(p, "w") as f:
            f.write(header)
            for k in keys:
                f.write(json.dumps(pts[k]) + "\n")
        paths.append(p)
    res = subprocess.run([opbench, "compare", paths[0], paths[1]], capture_output=True, text=True)
    m = re.search(r"(\d+) slower, (\d+) faster", res.stdout)
    return int(m.group(1)) + int(m.group(2)) if m else None

print("A/A: %s vs %s" % (os.path.join(d, "a.jsonl"), os.path.join(d, "b.jsonl")))
print("%-12s %3s %6s %6s %6s %6s %12s %12s %8s %9s %9s" % ("backend", "t", "points", ">3%", ">5%", ">10%",
      "total A us", "total B us", "B/A", "changed", "unstable"))
for group in sorted(groups):
    keys = [k for k in groups[group] if ok(a[k]) and ok(b[k])]
    if not keys:
        print("%-12s %3d  no point ok in both runs" % group)
        continue
    diffs = [abs(b[k]["time_us"]["median"] / a[k]["time_us"]["median"] - 1) * 100 for k in keys]
    share = lambda t: "%5.0f%%" % (100.0 * sum(1 for x in diffs if x > t) / len(diffs))
    total_a = sum(a[k]["time_us"]["median"] * a[k].get("repeat", 1) for k in keys)
    total_b = sum(b[k]["time_us"]["median"] * b[k].get("repeat", 1) for k in keys)
    changed = compare(group, keys)
    unstable = "%d+%d" % (sum(1 for k in keys if a[k].get("unstable")), sum(1 for k in keys if b[k].get("unstable")))
    print("%-12s %3d %6d %s %s %s %12.1f %12.1f %8.4f %9s %9s" % (group[0], group[1], len(keys), share(3), share(5),
          share(10), total_a, total_b, total_b / total_a, "?" if changed is None else changed, unstable))
print("changed: points opbench compare reports slower or faster ('?': its summary was not understood); "
      "unstable: in run A + in run B")
PY
