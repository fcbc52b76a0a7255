#!/usr/bin/python3
"""The model market of `mm bench sim` in plain vectorized NumPy, for scale (not run in CI).

Avellaneda-Stoikov market and strategy, as the C# engine: S0 = 100, T = 1, sigma = 2, dt = 0.005
(200 steps), fills with probability A*exp(-kappa*depth)*dt against the current mid (A = 140,
kappa = 1.5), then the mid moves +-sigma*sqrt(dt); quotes at the reservation price
r = s - q*gamma*sigma^2*(T - t) plus and minus half of gamma*sigma^2*(T - t) + (2/gamma)*ln(1 + gamma/kappa),
gamma = 0.1, one unit per fill. All trajectories step together, one NumPy array operation per
quantity per step. Prints trajectory-steps per second of one timed run after an untimed one (and per CPU-second of the
process with --json, for loaded machines).

    /usr/bin/python3 bench/numpy/model_market.py [--trajectories 100000] [--json]
"""
import argparse
import json
import math
import time

import numpy as np


def run(trajectories, rng):
    s0, horizon, sigma, dt, a, kappa, gamma = 100.0, 1.0, 2.0, 0.005, 140.0, 1.5, 0.1
    steps = int(round(horizon / dt))
    mid = np.full(trajectories, s0)
    inventory = np.zeros(trajectories)
    cash = np.zeros(trajectories)
    half_log_term = math.log(1 + gamma / kappa) / gamma
    sigma_sqrt_dt = sigma * math.sqrt(dt)
    for step in range(steps):
        left = horizon - step * dt
        skew = gamma * sigma * sigma * left
        reservation = mid - inventory * skew
        half = 0.5 * skew + half_log_term
        bid = reservation - half
        ask = reservation + half
        u = rng.random((3, trajectories))
        bought = u[0] < a * np.exp(-kappa * (mid - bid)) * dt
        sold = u[1] < a * np.exp(-kappa * (ask - mid)) * dt
        cash += np.where(sold, ask, 0.0) - np.where(bought, bid, 0.0)
        inventory += bought.astype(np.float64) - sold
        mid += np.where(u[2] < 0.5, sigma_sqrt_dt, -sigma_sqrt_dt)
    return steps, cash + inventory * mid


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trajectories", type=int, default=100_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    run(args.trajectories, rng)  # untimed: first-touch memory, as the C# benchmark warms up
    start, cpu_start = time.perf_counter(), time.process_time()
    steps, pnl = run(args.trajectories, rng)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    rate = args.trajectories * steps / seconds
    if args.json:
        print(json.dumps({"benchmark": "numpy", "trajectories": args.trajectories, "steps": steps,
                          "seconds": seconds, "trajectory_steps_per_second": rate,
                          "trajectory_steps_per_cpu_second": args.trajectories * steps / cpu_seconds, "pnl_mean": float(pnl.mean())}))
    else:
        print(f"numpy: {rate / 1e6:.1f} M trajectory-steps/s ({args.trajectories:,} trajectories x {steps} steps "
              f"in {seconds:.3f} s; mean PnL {pnl.mean():.2f}, the AS paper's 65)")


if __name__ == "__main__":
    main()
