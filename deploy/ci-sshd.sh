#!/usr/bin/env bash
# An sshd on 127.0.0.1 for the test of --worker-launcher "ssh ...": a high port, a host key and a client key made
# for it, key login for the current user only (no password). Usage:
#   deploy/ci-sshd.sh start DIR [PORT]   # prints: PORT KEY (the client's private key)
#   deploy/ci-sshd.sh stop DIR
# Needs openssh-server and openssh-client; run as root (sshd switches to the logged-in user).
set -euo pipefail
cmd="${1:-}"
dir="${2:-}"
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start DIR [PORT] | stop DIR" >&2
  exit 2
fi
sshd_bin="$(command -v sshd || echo /usr/sbin/sshd)"
case "$cmd" in
  stop)
    if [ -f "$dir/sshd.pid" ]; then kill "$(cat "$dir/sshd.pid")" 2>/dev/null || true; rm -f "$dir/sshd.pid"; fi
    exit 0 ;;
  start) ;;
  *) echo "usage: $0 start DIR [PORT] | stop DIR" >&2; exit 2 ;;
esac
[ -x "$sshd_bin" ] || { echo "ci-sshd.sh: sshd not found (apt-get install openssh-server)" >&2; exit 2; }
port="${3:-$(( 20000 + RANDOM % 20000 ))}"
mkdir -p "$dir"
chmod 700 "$dir"
rm -f "$dir/host_key" "$dir/host_key.pub" "$dir/client_key" "$dir/client_key.pub"
ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$dir/client_key"
cp "$dir/client_key.pub" "$dir/authorized_keys"
chmod 600 "$dir/authorized_keys"
mkdir -p /run/sshd
cat > "$dir/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $port
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
AcceptEnv LANG LC_*
LogLevel ERROR
CONF
"$sshd_bin" -f "$dir/sshd_config" -E "$dir/sshd.log"
for _ in $(seq 50); do
  if ssh -p "$port" -i "$dir/client_key" -o BatchMode=yes -o StrictHostKeyChecking=no \
      -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR 127.0.0.1 true 2>/dev/null; then
    echo "$port $dir/client_key"
    exit 0
  fi
  sleep 0.1
done
echo "ci-sshd.sh: sshd on 127.0.0.1:$port does not accept the key; $dir/sshd.log:" >&2
cat "$dir/sshd.log" >&2 || true
exit 1
