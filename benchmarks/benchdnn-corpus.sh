#!/usr/bin/env bash
# benchdnn's own 2-D (and 1-D) convolution shapes through opbench.
#
#   benchmarks/benchdnn-corpus.sh [--backends reference,dnnl] [--first N] [-- MORE SWEEP OPTIONS]
#       times every problem of src/test/resources/benchdnn/conv-shapes-2d.txt.gz (or its first N) on the backends,
#       each checked against the reference as every timed point is, into results/benchdnn-corpus.jsonl (resumable:
#       run it again to continue). All ~9,650 problems take hours: the reference loops compute every one.
#   benchmarks/benchdnn-corpus.sh --extract ONEDNN_SOURCE_DIR
#       regenerates the corpus from a oneDNN checkout (tests/benchdnn/inputs/conv/shapes_*), printing it to stdout.
#
# Lines with a size of nine digits or more (benchdnn's tensors beyond 2^31 elements, which opbench refuses: a
# tensor is one Java array) are left out of the run. benchdnn's mb defaults to 2, opbench's to 1.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$here/src/test/resources/benchdnn/conv-shapes-2d.txt.gz"

if [[ "${1:-}" == "--extract" ]]; then
    src="${2:?usage: $0 --extract ONEDNN_SOURCE_DIR}"
    cat <<HEADER
# Distinct 2-D and 1-D convolution problems of benchdnn's shape files: every line of oneDNN's
# tests/benchdnn/inputs/conv/shapes_* (github.com/uxlfoundation/oneDNN, commit $(git -C "$src" rev-parse HEAD 2>/dev/null || echo UNKNOWN),
# $(git -C "$src" log -1 --format=%cs 2>/dev/null || echo UNKNOWN), version $(sed -n 's/^set(PROJECT_VERSION "\(.*\)")/\1/p' "$src/CMakeLists.txt")), benchdnn options, comments and names n"..." removed, 3-D problems (id/od/kd/sd/pd/dd)
# left out, duplicates dropped, first occurrence order. Regenerate: benchmarks/benchdnn-corpus.sh --extract ONEDNN_DIR
HEADER
    LC_ALL=C ls "$src"/tests/benchdnn/inputs/conv/ | grep '^shapes_' | while read -r f; do
        cat "$src/tests/benchdnn/inputs/conv/$f"; echo
    done | awk '
        { sub(/#.*/, ""); n = split($0, tok, /[ \t]+/); d = ""
          for (i = 1; i <= n; i++) if (tok[i] != "" && tok[i] !~ /^--/) { d = tok[i]; break }
          if (d == "") next
          sub(/n".*$/, "", d); sub(/_?n[A-Za-z].*$/, "", d)
          if (d ~ /(^|[^a-z])(id|od|kd|sd|pd|dd)[0-9]/) next
          if (!(d in seen)) { seen[d] = 1; print d } }'
    exit 0
fi

backends="reference,dnnl"
first=""
extra=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --backends) backends="$2"; shift 2 ;;
        --first) first="$2"; shift 2 ;;
        --) shift; extra=("$@"); break ;;
        *) echo "benchdnn-corpus.sh: unknown option '$1' (see the header of $0)" >&2; exit 2 ;;
    esac
done

mkdir -p "$here/results"
set_file="$here/results/benchdnn-corpus.txt"
{
    echo "@network benchdnn-conv-corpus"
    gzip -dc "$corpus" | grep -v '^#' | grep -Ev '[0-9]{9}' | awk -v n="${first:-0}" 'n == 0 || NR <= n' \
        | sed 's/^/conv /'
} > "$set_file"
echo "benchdnn-corpus.sh: $(grep -c '^conv ' "$set_file") problems -> results/benchdnn-corpus.jsonl" >&2
exec "$here/opbench" sweep --tensors "$set_file" --backends "$backends" --out "$here/results/benchdnn-corpus.jsonl" \
    --resume --reps 3 --min-time 0 --max-time 2 "${extra[@]}"
