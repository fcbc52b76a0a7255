"""Trajectory-steps per second with 4,096 trajectories on one thread: the toolkit's cj environment from
Python (mm.make), the same C# environment without Python (`./mm bench env --environments 1`, the JIT),
and the same market written in plain numpy (vectorized over trajectories; same fill rule, binomial
mid, running inventory penalty). The three are measured in turn, three rounds, and the best of each
is printed (--json: one JSON object).

    MM_NATIVE_LIB=python/mm/native/MarketMaking.Native.so python3 python/examples/speed.py [--json]
"""

import json
import os
import subprocess
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import mm  # noqa: E402

N, STEPS = 4096, 2000


class NumpyCj:
    """The cj preset in numpy: A = 10, κ = 1, σ = 0.1, dt = 0.01, T = 1, φ = 0.5, Q_max = 10,
    depths 0.2 … 2.4 per side, fill probability min(1, A e^(−κδ) dt), binomial mid."""

    def __init__(self, n, seed, sigma=0.1, a=10.0, kappa=1.0, dt=0.01, horizon=1.0, phi=0.5, limit=10):
        self.n, self.dt, self.steps, self.phi, self.limit = n, dt, int(round(horizon / dt)), phi, limit
        self.depth = 0.2 * np.arange(1, 13)
        self.fill = np.minimum(1.0, a * np.exp(-kappa * self.depth) * dt)
        self.shock = sigma * np.sqrt(dt)
        self.rng = np.random.default_rng(seed)
        self.q = np.zeros(n, dtype=np.int64)
        self.t = 0

    def step(self, actions):
        bid, ask = np.divmod(actions, 12)
        u = self.rng.random((3, self.n))
        buy = (self.q < self.limit) & (u[0] < self.fill[bid])
        self.q += buy
        sell = (self.q > -self.limit) & (u[1] < self.fill[ask])
        self.q -= sell
        move = np.where(u[2] < 0.5, self.shock, -self.shock)
        reward = buy * self.depth[bid] + sell * self.depth[ask] + self.q * move - self.phi * self.q * self.q * self.dt
        self.t += 1
        done = self.t == self.steps
        if done:
            self.q[:] = 0
            self.t = 0
        obs = np.stack([self.q / self.limit, np.full(self.n, (self.steps - self.t) / self.steps)], axis=1).astype(np.float32)
        return obs, reward.astype(np.float32), np.full(self.n, done), np.zeros(self.n, dtype=bool)


def rate(step):
    actions = (np.arange(N, dtype=np.int32) * 7) % 144
    step(actions)
    start = time.perf_counter()
    for _ in range(STEPS):
        step(actions)
    return N * STEPS / (time.perf_counter() - start)


def csharp():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    out = subprocess.run([os.path.join(root, "mm"), "bench", "env", "--trajectories", str(N), "--steps", str(STEPS), "--environments", "1", "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["trajectory_steps_per_second"]


env = mm.make("cj", num_envs=N, seed=1)
env.reset()
best = {"python": 0.0, "csharp": 0.0, "numpy": 0.0}
for round_ in range(3):
    best["python"] = max(best["python"], rate(env.step))
    best["csharp"] = max(best["csharp"], csharp())
    best["numpy"] = max(best["numpy"], rate(NumpyCj(N, 1).step))
    print(f"round {round_ + 1}: best so far {best}", file=sys.stderr)
load = os.getloadavg()[0]
if "--json" in sys.argv[1:]:
    print(json.dumps({"trajectories": N, "steps": STEPS, **best, "ofCsharp": best["python"] / best["csharp"],
                      "timesNumpy": best["python"] / best["numpy"], "loadAverage": load}))
else:
    print(f"mm from Python (C ABI): {best['python'] / 1e6:6.1f} M trajectory-steps/s")
    print(f"same C# environment:    {best['csharp'] / 1e6:6.1f} M  (Python gets {best['python'] / best['csharp']:.0%} of it)")
    print(f"plain numpy:            {best['numpy'] / 1e6:6.1f} M  (mm is {best['python'] / best['numpy']:.1f}x)")
    print(f"best of 3 each, alternated; load average {load:.1f}")
