#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for CI and for trying deploy/slurm/ without a cluster (run as root;
# Debian 12's slurm-wlm and munge installed). Usage:
#   deploy/slurm/ci-cluster.sh start   # munged, slurmctld, slurmd; then: export SLURM_CONF=DIR/slurm.conf
#   deploy/slurm/ci-cluster.sh stop    # stops the three daemons by their pid files
# DIR is $OPBENCH_SLURM_DIR (default /tmp/opbench-slurm): configuration, state, spool, logs and pid files.
set -euo pipefail
dir="${OPBENCH_SLURM_DIR:-/tmp/opbench-slurm}"
conf="$dir/slurm.conf"

stop() {
  for name in slurmd slurmctld munged; do
    if [ -f "$dir/$name.pid" ]; then
      pid="$(cat "$dir/$name.pid")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      rm -f "$dir/$name.pid"
    fi
  done
}

start() {
  [ "$(id -u)" = 0 ] || { echo "ci-cluster.sh: run as root (slurmd runs jobs as their user)" >&2; exit 2; }
  for p in munged slurmctld slurmd sbatch sinfo; do
    command -v "$p" >/dev/null || { echo "ci-cluster.sh: $p not found (apt-get install slurm-wlm munge)" >&2; exit 2; }
  done
  stop
  mkdir -p "$dir"/{state,spool,log,munge}
  chown munge: "$dir/munge"
  # munge: a fresh key and its own socket, so that a munged of the system (if any) is left alone
  key="$dir/munge/munge.key"
  [ -f "$key" ] || { dd if=/dev/urandom of="$key" bs=1024 count=1 status=none; chown munge: "$key"; chmod 400 "$key"; }
  socket="$dir/munge/munge.socket"
  su -s /bin/sh munge -c "munged --key-file='$key' --socket='$socket' --pid-file='$dir/munge/munged.pid' \
    --log-file='$dir/munge/munged.log' --seed-file='$dir/munge/munge.seed' --force"
  cp "$dir/munge/munged.pid" "$dir/munged.pid"
  host="$(hostname -s)"
  cpus="$(nproc)"
  mem_mb="$(awk '/MemTotal/ {print int($2 / 1024 * 0.8)}' /proc/meminfo)"
  cat > "$conf" <<CONF
ClusterName=opbench-ci
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldPort=${OPBENCH_SLURMCTLD_PORT:-16817}
SlurmdPort=${OPBENCH_SLURMD_PORT:-16818}
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
NodeName=$host CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
CONF
  export SLURM_CONF="$conf"
  slurmctld -f "$conf"
  slurmd -f "$conf"
  for _ in $(seq 100); do
    if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
      echo "ci-cluster.sh: one-node Slurm up ($host, $cpus CPUs); export SLURM_CONF=$conf" >&2
      return 0
    fi
    sleep 0.2
  done
  echo "ci-cluster.sh: the node did not come up; logs in $dir/log:" >&2
  tail -n 20 "$dir"/log/*.log >&2 || true
  exit 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
