#!/bin/bash
# slurm-local.sh: a private single-node Slurm on this machine, on loopback, for the sweep tests
# (and for trying `aelab sweep --emit slurm` by hand). Everything lives in one folder: its own
# munge key and munged socket, slurm.conf, state, logs and spool; free ports are picked, so it
# does not meet a system Slurm or another copy of itself. Needs root, slurm-wlm and munge.
#
#   scripts/slurm-local.sh start DIR   # writes DIR/slurm.conf, starts munged, slurmctld, slurmd;
#                                      # returns when the node is idle (or exits 1 saying why)
#   export SLURM_CONF=DIR/slurm.conf   # then sbatch, squeue, scontrol, scancel use it
#   scripts/slurm-local.sh stop DIR    # stops the three daemons this script started in DIR
set -u

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
dir=$2

stop() {
    dir=$(cd "$dir" 2>/dev/null && pwd) || return 0
    # jobs first, so no slurmstepd is left behind the daemons
    if [ -f "$dir/slurm.conf" ] && [ -f "$dir/slurmctld.pid" ]; then
        export SLURM_CONF="$dir/slurm.conf"
        jobs=$(squeue -h -o %A 2>/dev/null)
        if [ -n "$jobs" ]; then
            scancel --full $jobs 2>/dev/null
            for _ in $(seq 100); do [ -z "$(squeue -h -t running,completing -o %A 2>/dev/null)" ] && break; sleep 0.1; done
        fi
    fi
    for daemon in slurmd slurmctld munged; do
        pidfile="$dir/$daemon.pid"
        [ -f "$pidfile" ] || continue
        pid=$(cat "$pidfile")
        [ -n "$pid" ] && kill "$pid" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null
        rm -f "$pidfile"
    done
    # a step daemon still running in this folder (its jobs could not be cancelled in time)
    for proc in /proc/[0-9]*; do
        case "$(readlink "$proc/cwd" 2>/dev/null)" in
        "$dir" | "$dir (deleted)") [ "$(head -c 10 "$proc/cmdline" 2>/dev/null)" = "slurmstepd" ] && kill -9 "${proc#/proc/}" 2>/dev/null ;;
        esac
    done
    return 0
}

fail() {
    echo "slurm-local: $*" >&2
    for log in munged slurmctld slurmd; do
        [ -s "$dir/$log.log" ] && { echo "--- last lines of $dir/$log.log" >&2; tail -n 8 "$dir/$log.log" >&2; }
    done
    stop
    exit 1
}

# A TCP port on 127.0.0.1 that nothing listens on, from the range given.
free_port() {
    for port in $(seq "$1" "$2"); do
        (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
    done
    return 1
}

start() {
    [ "$(id -u)" = "0" ] || { echo "slurm-local: needs root (slurmd runs jobs as their user)" >&2; exit 1; }
    for program in munged mungekey slurmctld slurmd sinfo; do
        command -v "$program" >/dev/null 2>&1 || { echo "slurm-local: $program not found; install slurm-wlm and munge (make deps)" >&2; exit 1; }
    done
    mkdir -p "$dir/state" "$dir/spool" || exit 1
    chmod 700 "$dir"
    dir=$(cd "$dir" && pwd)
    host=$(hostname -s)
    cpus=$(nproc)
    [ "$cpus" -gt 2 ] && cpus=2
    base=$((20000 + ($$ % 2000) * 10))
    ctld_port=$(free_port "$base" $((base + 4))) || fail "no free port near $base"
    slurmd_port=$(free_port $((ctld_port + 1)) $((base + 9))) || fail "no free port near $base"

    mungekey --create --keyfile="$dir/munge.key" --force >/dev/null 2>&1 \
        || dd if=/dev/urandom of="$dir/munge.key" bs=1024 count=1 2>/dev/null
    chmod 400 "$dir/munge.key"
    munged --socket="$dir/munge.socket" --key-file="$dir/munge.key" --pid-file="$dir/munged.pid" \
        --log-file="$dir/munged.log" --seed-file="$dir/munged.seed" --force \
        || fail "munged did not start"

    cat >"$dir/slurm.conf" <<EOF
# Written by scripts/slurm-local.sh: one node, this host, on loopback.
ClusterName=aelabtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge.socket,cred_expire=5
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
SchedulerParameters=sched_interval=1
MpiDefault=none
ReturnToService=2
SlurmdTimeout=30
InactiveLimit=0
KillWait=10
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
    export SLURM_CONF="$dir/slurm.conf"
    slurmctld -i || fail "slurmctld did not start"
    slurmd -N "$host" || fail "slurmd did not start"
    for _ in $(seq 150); do
        state=$(sinfo -h -N -o %t 2>/dev/null | head -n 1)
        case "$state" in
        idle) echo "slurm-local: node $host idle; SLURM_CONF=$dir/slurm.conf"; return 0 ;;
        drain* | down*) fail "node $host is $state: $(sinfo -h -N -o %E 2>/dev/null)" ;;
        esac
        sleep 0.2
    done
    fail "node $host not idle after 30 s (state '${state:-none}')"
}

case "$action" in
start) start ;;
stop) stop ;;
*) usage ;;
esac
