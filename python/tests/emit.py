"""Prints numbers the .NET test recomputes in C# and compares exactly (JSON on stdout)."""

import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import mm  # noqa: E402

env = mm.make("cj", num_envs=64, seed=3)
obs, _ = env.reset()
rewards = []
for t in range(300):
    actions = ((np.arange(64, dtype=np.int32) * 7 + t) % env.single_action_space.n).astype(np.int32)
    obs, reward, _, _, _ = env.step(actions)
    rewards.append([float(x) for x in reward[:4]])
# Continuous quotes: 64 trajectories on seed 5, depths anywhere in the range (off the grid), 300 steps.
env = mm.make("cj", num_envs=64, seed=5)
env.reset()
low, high = env.depth_range
depths = np.zeros((64, 2))
continuous = []
for t in range(300):
    i = np.arange(64)
    depths[:, 0] = low + (high - low) * ((7 * i + t) % 29) / 28.0
    depths[:, 1] = low + (high - low) * ((5 * i + 3 * t) % 31) / 30.0
    depths_obs, reward, _, _, _ = env.step_depths(depths)
    continuous.append([float(x) for x in reward[:4]])
depths_obs = [float(x) for x in depths_obs.ravel()]
q, bid, ask = mm.quotes("glft-exact", gamma=0.1, max_inventory=5)
pnl, inventory = mm.monte_carlo("glft", trajectories=100, seed=2)
print(json.dumps({
    "rewards": rewards,
    "observations": [float(x) for x in obs.ravel()],
    "depth_range": [low, high],
    "continuous_rewards": continuous,
    "continuous_observations": depths_obs,
    "bid": [None if np.isnan(x) else float(x) for x in bid],
    "ask": [None if np.isnan(x) else float(x) for x in ask],
    "pnl": [float(x) for x in pnl],
    "inventory": [float(x) for x in inventory],
}))
