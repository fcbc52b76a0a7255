#!/usr/bin/env bash
# Submits the sweep's job array (tune.sbatch) and a merge that runs once every task has succeeded.
# Usage: deploy/slurm/sweep.sh [TASKS]   (default 4; RESULTS and MM as in tune.sbatch)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tasks=${1:-4}
results=${RESULTS:-runs/tune/sweep.csv}
mkdir -p runs/slurm "$(dirname "$results")"
array=$(sbatch --parsable --array=0-$((tasks - 1)) --export=ALL,RESULTS="$results" "$here/tune.sbatch")
stem="${results%.csv}"
sbatch --parsable --job-name=mm-tune-merge --dependency=afterok:"$array" --output=runs/slurm/merge-%j.out \
  --wrap="${MM:-mm} tune merge $(for ((i = 0; i < tasks; i++)); do printf '%s.shard-%d-of-%d.csv ' "$stem" "$i" "$tasks"; done) --out $results"
