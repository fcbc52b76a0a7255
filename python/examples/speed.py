"""Steps per second with 4,096 trajectories: the toolkit's cj environment from Python (mm.make)
against the same market written in plain numpy (vectorized over trajectories; same fill rule,
binomial mid, running inventory penalty). Prints one line per environment.

    MM_NATIVE_LIB=python/mm/native/MarketMaking.Native.so python3 python/examples/speed.py
"""

import os
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


env = mm.make("cj", num_envs=N, seed=1)
env.reset()
print(f"mm (C ABI): {rate(env.step):,.0f} steps/s")
print(f"numpy:      {rate(NumpyCj(N, 1).step):,.0f} steps/s")
