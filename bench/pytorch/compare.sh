#!/usr/bin/env bash
# `mm bench train --agent ppo|sac` against the same algorithm in PyTorch (bench/pytorch/ppo_speed.py or
# sac_speed.py, the same environment through the Python bindings), alternated in one run, best of 3 each
# (the machine's speed drifts; alternating shares the drift), then the ratio. AGENT picks the algorithm
# (default ppo). Each run trains --transitions (default: 256,000 for PPO, ten rollouts; 16,000 for SAC,
# 2,000 gradient steps) after the untimed warm-up. Needs /usr/bin/python3 with numpy and torch (Debian:
# apt-get install python3-torch) and the bindings' library (MM_NATIVE_LIB, or python/mm/native; see
# python/mm/__init__.py). TORCH_THREADS sets PyTorch's threads (default 2, the cores here). Debian's
# torch multiplies matrices with whatever libblas.so.3 the system selects, the reference BLAS unless
# an optimized one is installed (apt-get install libopenblas0-openmp): about ten times slower; set
# BLAS_DIR to a folder holding another libblas.so.3 to use it for the PyTorch runs only. Not run in CI.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
agent="${AGENT:-ppo}"
case "$agent" in
  ppo) transitions="${1:-256000}" ;;
  sac) transitions="${1:-16000}" ;;
  *) echo "compare.sh: AGENT must be ppo or sac, got '$agent'" >&2; exit 2 ;;
esac
threads="${TORCH_THREADS:-2}"
field() { /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)[\"$1\"])"; }
best_mm=0 best_torch=0
for round in 1 2 3; do
  mm_json=$("$root/mm" bench train --agent "$agent" --transitions "$transitions" --repeats 1 --json)
  torch_json=$(LD_LIBRARY_PATH="${BLAS_DIR:-}${BLAS_DIR:+:}${LD_LIBRARY_PATH:-}" /usr/bin/python3 "$root/bench/pytorch/${agent}_speed.py" --transitions "$transitions" --repeats 1 --threads "$threads" --json)
  mm=$(field transitions_per_second <<<"$mm_json")
  torch=$(field transitions_per_second <<<"$torch_json")
  printf 'round %d: mm %.1f k (load %.1f), PyTorch %.1f k (%s threads, load %.1f) transitions/s\n' "$round" \
    "$(echo "$mm / 1000" | bc -l)" "$(field load_average <<<"$mm_json")" "$(echo "$torch / 1000" | bc -l)" "$threads" "$(field load_average <<<"$torch_json")"
  best_mm=$(echo "if ($mm > $best_mm) $mm else $best_mm" | bc -l)
  best_torch=$(echo "if ($torch > $best_torch) $torch else $best_torch" | bc -l)
done
printf 'best of 3 (%s): mm %.1f k, PyTorch %.1f k transitions/s including updates: %.2f× (load average now %s)\n' "$agent" \
  "$(echo "$best_mm / 1000" | bc -l)" "$(echo "$best_torch / 1000" | bc -l)" "$(echo "$best_mm / $best_torch" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
