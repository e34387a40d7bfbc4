#!/usr/bin/env bash
# Submits a sharded SmartSpec run and its merge (Deploy/slurm/README.md):
#
#   Deploy/slurm/submit.sh N PARTS_DIR OUT COMMAND [OPTIONS...]
#
# for example `Deploy/slurm/submit.sh 4 /scratch/$USER/parts /scratch/$USER/peers.csv similar --all
# --dataset Datasets/eu-nuts2-2014 --top 20 --format csv`. Prints the array job's and the merge
# job's ids. Extra sbatch options can be given in SBATCH_OPTIONS (for example "--partition=short").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
N=$1 PARTS=$2 OUT=$3; shift 3
[[ "$N" =~ ^[0-9]+$ ]] && (( N >= 1 && N <= 100000 )) || { echo "submit.sh: N must be from 1 to 100000" >&2; exit 2; }
# shellcheck disable=SC2086
array=$(sbatch --parsable ${SBATCH_OPTIONS:-} --array="0-$((N - 1))" "$here/smartspec-shard.sbatch" "$PARTS" "$@")
# shellcheck disable=SC2086
merge=$(sbatch --parsable ${SBATCH_OPTIONS:-} --dependency="afterok:${array%%;*}" "$here/smartspec-merge.sbatch" "$PARTS" "$N" "$OUT")
echo "${array%%;*} ${merge%%;*}"
