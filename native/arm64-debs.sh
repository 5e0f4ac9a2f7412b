# Shared by arm64-jre.sh and arm64-opencl.sh (sourced, not run): fetching Debian arm64 packages with
# `apt-get download` and unpacking them into opbench's cache without installing them. The caller sets $dest, the
# folder under $arm64_cache that the unpack replaces once it is complete.

arm64_cache="${OPBENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/opbench}"

# arm64_unpack PACKAGE...: downloads the packages (names with :arm64) into $tmp and unpacks them into
# $dest.partial; both are removed when the script exits.
arm64_unpack() {
  if ! dpkg --print-foreign-architectures 2>/dev/null | grep -qx arm64; then
    echo "$(basename "$0"): dpkg has no arm64 architecture; run: dpkg --add-architecture arm64 && apt-get update" >&2
    exit 1
  fi
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp" "$dest.partial"' EXIT
  if [ "$(id -u)" = 0 ] && id _apt >/dev/null 2>&1; then chown _apt "$tmp"; fi # apt downloads as its sandbox user
  (cd "$tmp" && apt-get download -q "$@" >&2)

  rm -rf "$dest.partial"
  mkdir -p "$dest.partial"
  for deb in "$tmp"/*.deb; do
    dpkg-deb -x "$deb" "$dest.partial"
  done
}

# arm64_complete: replaces $dest by $dest.partial and lists the unpacked packages' versions in $dest/.complete.
arm64_complete() {
  local versions
  versions="$(for deb in "$tmp"/*.deb; do dpkg-deb -f "$deb" Package Version | paste -sd' '; done)"
  rm -rf "$dest"
  mv "$dest.partial" "$dest"
  printf '%s\n' "$versions" > "$dest/.complete"
}
