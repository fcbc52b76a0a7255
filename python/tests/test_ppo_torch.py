"""The PyTorch PPO example (python/examples/ppo_torch.py) learns: checked when torch is importable."""

import importlib.util
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "examples"))

TORCH = importlib.util.find_spec("torch") is not None


@unittest.skipUnless(TORCH, "torch is not importable (Debian: apt-get install python3-torch), so the PPO example is not checked")
class PpoExampleTests(unittest.TestCase):
    def test_a_short_training_closes_most_of_the_gap_from_random_quotes_to_the_best_constant_depth(self):
        import numpy as np
        import torch
        import ppo_torch

        # Small and short (10 episodes of 256 trajectories; Debian's torch runs small layers slowly).
        torch.set_num_threads(1)
        network = ppo_torch.train(iterations=10, num_envs=256, seed=1, hidden=32, learning_rate=1e-2)
        # Evaluation seeds differ from every training seed; both baselines are measured here on the same ones.
        ppo = ppo_torch.evaluate(ppo_torch.greedy(network))
        rng = np.random.default_rng(5)
        random_quotes = ppo_torch.evaluate(lambda obs: rng.integers(0, 144, len(obs), dtype=np.int32))
        best, action = ppo_torch.best_constant()
        self.assertGreater(best, random_quotes)
        self.assertIn(action // 12, range(4, 8))   # the best constant depth lies near 1.25 (grid 0.2 … 2.4)
        self.assertGreater(ppo, random_quotes + 0.4 * (best - random_quotes))

if __name__ == "__main__":
    unittest.main()
