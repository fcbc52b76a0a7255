"""The PyTorch PPO of the speed comparison (bench/pytorch/ppo_speed.py) learns, so the comparison is
between two working learners: checked when torch is importable."""

import importlib.util
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "bench", "pytorch"))

TORCH = importlib.util.find_spec("torch") is not None


@unittest.skipUnless(TORCH, "torch is not importable (Debian: apt-get install python3-torch), so the PyTorch PPO of the speed comparison is not checked")
class PpoSpeedLearnerTests(unittest.TestCase):
    def test_five_rollouts_of_the_benchmark_configuration_go_most_of_the_way_from_random_quotes_to_the_best_constant_depth(self):
        import torch
        import ppo_speed

        torch.set_num_threads(1)
        # 5 rollouts of 256 × 100 with the mm bench train configuration; evaluation seeds differ from the training seed.
        result = ppo_speed.learn(128_000, seed=1)
        self.assertEqual(result["transitions"], 5 * 256 * 100)   # whole rollouts
        self.assertGreater(result["best_constant"], result["uniformly_random"])
        self.assertGreater(result["ppo"], result["uniformly_random"] + 0.5 * (result["best_constant"] - result["uniformly_random"]))

    def test_the_features_are_the_scaled_observations_and_their_squares(self):
        import torch
        import ppo_speed

        x = ppo_speed.features(torch.tensor([[0.2, 0.5]]))
        self.assertEqual(x.tolist(), [[1.0, 2.5, 1.0, 6.25]])


if __name__ == "__main__":
    unittest.main()
