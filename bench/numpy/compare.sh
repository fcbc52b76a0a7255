#!/usr/bin/env bash
# `mm bench sim` against the NumPy version of the same loop, alternated in one run, best of 3 each
# (the machine's speed drifts; alternating shares the drift). Needs /usr/bin/python3 with NumPy
# (Debian: apt-get install python3-numpy). Not run in CI.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
best_mm=0 best_np=0
for round in 1 2 3; do
  mm=$("$root/mm" bench sim --repeats 1 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["trajectory_steps_per_second"])')
  np=$(/usr/bin/python3 "$root/bench/numpy/model_market.py" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["trajectory_steps_per_second"])')
  echo "round $round: mm $(printf '%.1f' "$(echo "$mm / 1000000" | bc -l)") M, numpy $(printf '%.1f' "$(echo "$np / 1000000" | bc -l)") M trajectory-steps/s"
  best_mm=$(echo "if ($mm > $best_mm) $mm else $best_mm" | bc -l)
  best_np=$(echo "if ($np > $best_np) $np else $best_np" | bc -l)
done
printf 'best of 3: mm %.1f M, numpy %.1f M trajectory-steps/s: %.1f×\n' "$(echo "$best_mm / 1000000" | bc -l)" "$(echo "$best_np / 1000000" | bc -l)" "$(echo "$best_mm / $best_np" | bc -l)"
