#!/usr/bin/env python3
"""The GPU check's summary (benchmarks/gpu/verify.sh): reads opbench result files (JSON Lines) and prints, per point,
status, rel_err, time and what ran (cuDNN's algorithm and math; for the find tuner the result cuDNN's find chose),
then per (backend, algorithm, tuner) the totals over the points of each network (conv and all ops, layers counted
repeat times), and the status counts.

Usage: summary.py FILE.jsonl...   Exit status 0 when every point is ok or unsupported, 3 when any point failed,
mismatched or timed out, or a file is missing or unreadable. Standard library only (the GPU machine has no pip
access).
"""
import json
import sys
from collections import Counter, OrderedDict



def read(path):
    """The run headers and point records of one file; raises OSError / ValueError with the line number."""
    headers, points = [], []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rec = json.loads(line)
            except ValueError as e:
                raise ValueError("%s:%d: not JSON: %s" % (path, n, e))
            kind = rec.get("record")
            if kind == "run":
                headers.append(rec)
            elif kind == "point":
                points.append(rec)
    return headers, points


def ms(us):
    return "-" if us is None else "%.4f" % (us / 1000.0)


def what_ran(p):
    """cuDNN's algorithm and math (conv), or the impl string; plus find's choice."""
    d = p.get("details") or {}
    text = p.get("impl") or ""
    if "cudnn_algo" in d:
        text = "%s/%s" % (d.get("cudnn_algo"), d.get("math_type"))
        if d.get("workspace_bytes"):
            text += " ws=%dKiB" % (int(d["workspace_bytes"]) // 1024)
    results = d.get("find_results")
    chosen = d.get("chosen_result")
    if isinstance(results, list) and isinstance(chosen, int) and 0 <= chosen < len(results):
        r = results[chosen]
        text += "; find chose #%d %s/%s (cuDNN: %s ms)" % (chosen, r.get("algo"), r.get("math"),
                                                          "%.4f" % r["time_ms"] if "time_ms" in r else "?")
    return text


def describe_libraries(headers):
    for h in headers[:1]:
        for name, lib in (h.get("libraries") or {}).items():
            if not lib.get("available"):
                continue
            det = lib.get("details") or {}
            keys = ("cuda_runtime", "cuda_driver", "cudnn", "cudnn_built_against", "cudnn_cudart",
                    "compute_capability", "multiprocessors", "memory_mib")
            facts = ", ".join("%s %s" % (k, det[k]) for k in keys if k in det)
            print("  %s: %s on %s%s" % (name, lib.get("version"), lib.get("device"), ("; " + facts) if facts else ""))


def summarize(path):
    """Prints one file's points and totals; returns the number of points that are not ok or unsupported, or 1 for a
    missing / unreadable file."""
    print()
    print("== %s" % path)
    try:
        headers, points = read(path)
    except (OSError, ValueError) as e:
        print("  cannot read it: %s" % e)
        return 1
    describe_libraries(headers)
    if not points:
        print("  no points")
        return 1
    bad = 0
    unsupported = Counter()
    fmt = "  %-16s %-7s %-9s %-28s %-5s %-10s %-9s %-10s %s"
    print(fmt % ("layer", "op", "backend", "algorithm", "tuner", "status", "rel_err", "median ms", "what ran"))
    for p in points:
        status = p.get("status")
        if status == "unsupported":
            unsupported[(p.get("backend"), p.get("op"), (p.get("reason") or "")[:150])] += 1
            continue
        t = (p.get("time_us") or {}).get("median")
        rel = p.get("rel_err")
        clock = p.get("clock") or ""
        print(fmt % ((p.get("layer") or p.get("problem") or "")[:16], p.get("op"), p.get("backend"),
                     p.get("algorithm"), p.get("tuner"), status, "-" if rel is None else "%.2e" % rel,
                     ms(t) + ("d" if clock == "device" else ""), what_ran(p)))
        if status != "ok":
            bad += 1
            print("      reason: %s" % (p.get("reason") or "")[:400])
    print("  (d = device clock: CUDA events; otherwise wall clock)")
    if unsupported:
        print("  unsupported points (the backend's or the library's refusal), by reason:")
        for (b, op, reason), n in sorted(unsupported.items()):
            print("    %3d x %s %s: %s" % (n, b, op, reason))

    # totals per (backend, algorithm, tuner) over each network's layers, repeat counted
    groups = OrderedDict()
    for p in points:
        key = (p.get("network") or "-", p.get("backend"), p.get("algorithm"), p.get("tuner"))
        groups.setdefault(key, []).append(p)
    print("  totals (median x repeat; only where every point of the group is ok):")
    for (net, b, alg, tuner), ps in groups.items():
        parts = []
        for label, want in (("conv", ("conv",)), ("all ops", None)):
            sel = [p for p in ps if want is None or p.get("op") in want]
            if not sel:
                continue
            ok = [p for p in sel if p.get("status") == "ok"]
            if len(ok) == len(sel):
                total = sum(p["time_us"]["median"] * (p.get("repeat") or 1) for p in ok)
                parts.append("%s %.3f ms (%d layers)" % (label, total / 1000.0, sum(p.get("repeat") or 1 for p in ok)))
            else:
                parts.append("%s incomplete (%d of %d points ok)" % (label, len(ok), len(sel)))
        print("    %-22s %-9s %-28s %-5s %s" % (net, b, alg, tuner, "; ".join(parts)))
    counts = Counter(p.get("status") for p in points)
    print("  status: " + ", ".join("%s %d" % kv for kv in sorted(counts.items())))
    return bad


def main(argv):
    if len(argv) < 2:
        print("usage: summary.py FILE.jsonl...", file=sys.stderr)
        return 2
    bad = sum(summarize(path) for path in argv[1:])
    print()
    print("summary: %s" % ("every point ok or unsupported" if bad == 0 else "%d problem(s): failed, mismatched, timed out, "
                                                                     "or a file missing" % bad))
    return 0 if bad == 0 else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv))
