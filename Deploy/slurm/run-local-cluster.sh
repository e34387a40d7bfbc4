#!/usr/bin/env bash
# Brings up a one-node Slurm cluster on this machine (Debian's slurm-wlm and munge, as root, without
# cgroups: proctrack/linuxproc, task/none), submits `similar --all` and `recommend --all` on the EU
# NUTS-2 dataset as 4-shard array jobs with their merges (Deploy/slurm/submit.sh), waits for them,
# compares the merged outputs with single runs byte for byte, and shuts the cluster down (only the
# processes it started, by their ids). Exits 0 only when every output matches.
#
#   bash Deploy/slurm/run-local-cluster.sh          (from the repository root; installs slurm-wlm
#                                                    and munge when missing, builds smartspec)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
SHARDS=${SHARDS:-4}
DATASET=${DATASET:-Datasets/eu-nuts2-2014}

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
    echo "Installing slurm-wlm and munge"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge >/dev/null
fi
[ "$(id -u)" = 0 ] || { echo "run-local-cluster.sh: run as root (the one-node cluster runs its daemons as root)" >&2; exit 2; }
if [ -z "${SMARTSPEC:-}" ]; then
    swift build -c release --product smartspec >/dev/null
    SMARTSPEC="$(swift build -c release --show-bin-path)/smartspec"
fi
export SMARTSPEC

work=$(mktemp -d /tmp/smartspec-slurm.XXXXXX)
chmod 755 "$work"
mkdir -p "$work/state" "$work/spool" "$work/munge" "$work/out"
pids=()
shutdown() {
    # Only the daemons started here, by their process ids.
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
}
trap shutdown EXIT
[ -n "${KEEP_CLUSTER_LOGS:-}" ] && echo "logs in $work"

# munge: a fresh key and its own socket.
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
chmod 711 "$work/munge"
munged --force --foreground --key-file="$work/munge/munge.key" --socket="$work/munge/munge.socket" \
    --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" --seed-file="$work/munge/munged.seed" &
pids+=($!)
for _ in $(seq 50); do [ -S "$work/munge/munge.socket" ] && break; sleep 0.1; done

host=$(hostname -s)
cpus=$(nproc)
memory=$(( $(awk '/MemTotal/ { print $2 }' /proc/meminfo) / 1024 - 1024 ))
cat > "$work/slurm.conf" <<CONF
ClusterName=smartspec-local
SlurmctldHost=$host
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge/munge.socket
SlurmUser=root
SlurmdUser=root
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
SlurmctldPort=${SLURMCTLD_PORT:-16817}
SlurmdPort=${SLURMD_PORT:-16818}
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
slurmctld -D -f "$SLURM_CONF" >"$work/slurmctld.stdout" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >"$work/slurmd.stdout" 2>&1 &
pids+=($!)
ready=""
for _ in $(seq 100); do
    state=$(sinfo -h -N -o "%T" 2>/dev/null | head -1 || true)
    if [ "$state" = "idle" ]; then ready=1; break; fi
    sleep 0.3
done
if [ -z "$ready" ]; then
    echo "The one-node cluster did not come up; its logs:" >&2
    tail -n 20 "$work/slurmctld.log" "$work/slurmd.log" "$work/slurmctld.stdout" "$work/slurmd.stdout" >&2 || true
    exit 1
fi
echo "One-node Slurm cluster up on $host ($cpus CPUs) in $work"

cd "$work/out"
similar=(similar --all --dataset "$repo/$DATASET" --top 20 --format csv)
recommend=(recommend --all --dataset "$repo/$DATASET" --file-types html,md,json,csv --no-study)
read -r a1 m1 < <("$repo/Deploy/slurm/submit.sh" "$SHARDS" "$work/out/similar-parts" "$work/out/similar-merged.csv" "${similar[@]}")
read -r a2 m2 < <("$repo/Deploy/slurm/submit.sh" "$SHARDS" "$work/out/recommend-parts" "$work/out/recommend-merged" "${recommend[@]}")
echo "Submitted: similar --all array $a1, merge $m1; recommend --all array $a2, merge $m2"

# Single runs on this machine while the cluster works.
"$SMARTSPEC" "${similar[@]}" > "$work/out/similar-single.csv"
"$SMARTSPEC" "${recommend[@]}" --out "$work/out/recommend-single" >/dev/null 2>&1 || true

for _ in $(seq 1200); do
    [ -z "$(squeue -h -j "$a1,$m1,$a2,$m2" 2>/dev/null)" ] && break
    sleep 0.5
done
if [ -n "$(squeue -h -j "$a1,$m1,$a2,$m2" 2>/dev/null)" ]; then
    echo "The jobs did not finish in 10 minutes" >&2
    squeue >&2 || true
    exit 1
fi

status=0
if cmp -s "$work/out/similar-merged.csv" "$work/out/similar-single.csv"; then
    echo "similar --all: the merged output of $SHARDS shards equals the single run ($(wc -l < "$work/out/similar-single.csv") lines)"
else
    echo "similar --all: the merged output differs from the single run" >&2
    cat "$work"/out/smartspec-*.out >&2 2>/dev/null || true
    status=1
fi
if diff -r -q -x '.smartspec-*' "$work/out/recommend-merged" "$work/out/recommend-single" >"$work/recommend.diff" 2>&1 \
   && [ -f "$work/out/recommend-merged/index.html" ]; then
    echo "recommend --all: the merged folder of $SHARDS shards equals the single run ($(find "$work/out/recommend-single" -type f ! -name '.smartspec-*' | wc -l) files)"
else
    echo "recommend --all: the merged folder differs from the single run:" >&2
    head -20 "$work/recommend.diff" >&2
    cat "$work"/out/smartspec-*.out >&2 2>/dev/null || true
    status=1
fi
exit $status
