#!/usr/bin/env bash
# `mm bench sim` against the NumPy version of the same loop, alternated in one run, best of 3 each
# (the machine's speed drifts; alternating shares the drift). Also per CPU-second of each process
# (mm on all its threads, NumPy on its one), which other processes' load disturbs less than the
# wall clock. Needs /usr/bin/python3 with NumPy (Debian: apt-get install python3-numpy). Not run in CI.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rates='import json,sys; d=json.load(sys.stdin); print(d["trajectory_steps_per_second"], d["trajectory_steps_per_cpu_second"])'
best_mm=0 best_np=0 cpu_mm=0 cpu_np=0
for round in 1 2 3; do
  read -r mm mm_cpu < <("$root/mm" bench sim --repeats 1 --json | python3 -c "$rates")
  read -r np np_cpu < <(/usr/bin/python3 "$root/bench/numpy/model_market.py" --json | python3 -c "$rates")
  echo "round $round (load $(cut -d' ' -f1 /proc/loadavg)): mm $(printf '%.1f' "$(echo "$mm / 1000000" | bc -l)") M, numpy $(printf '%.1f' "$(echo "$np / 1000000" | bc -l)") M trajectory-steps/s; per CPU-second $(printf '%.1f' "$(echo "$mm_cpu / 1000000" | bc -l)") M and $(printf '%.1f' "$(echo "$np_cpu / 1000000" | bc -l)") M"
  best_mm=$(echo "if ($mm > $best_mm) $mm else $best_mm" | bc -l)
  best_np=$(echo "if ($np > $best_np) $np else $best_np" | bc -l)
  cpu_mm=$(echo "if ($mm_cpu > $cpu_mm) $mm_cpu else $cpu_mm" | bc -l)
  cpu_np=$(echo "if ($np_cpu > $cpu_np) $np_cpu else $cpu_np" | bc -l)
done
printf 'best of 3: mm %.1f M, numpy %.1f M trajectory-steps/s: %.1f×\n' "$(echo "$best_mm / 1000000" | bc -l)" "$(echo "$best_np / 1000000" | bc -l)" "$(echo "$best_mm / $best_np" | bc -l)"
printf 'per CPU-second, best of 3: mm %.1f M, numpy %.1f M: %.1f×\n' "$(echo "$cpu_mm / 1000000" | bc -l)" "$(echo "$cpu_np / 1000000" | bc -l)" "$(echo "$cpu_mm / $cpu_np" | bc -l)"
