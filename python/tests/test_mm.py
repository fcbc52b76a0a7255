"""Tests of the Python package (unittest, numpy only). Run: MM_NATIVE_LIB=… python3 -m unittest discover -s python/tests"""

import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import mm  # noqa: E402


class EnvironmentTests(unittest.TestCase):
    def test_spaces_describe_the_buffers(self):
        env = mm.make("cj", num_envs=16, seed=1)
        obs, info = env.reset()
        self.assertEqual(obs.shape, (16, env.single_observation_space.shape[0]))
        self.assertEqual(obs.dtype, np.float32)
        self.assertEqual(env.single_action_space.n, env.bid_count * env.ask_count)
        self.assertEqual(env.action_space.sample().shape, (16,))
        self.assertEqual(info, {})

    def test_the_same_seed_gives_the_same_numbers_and_another_seed_others(self):
        def run(seed):
            env = mm.make("cj", num_envs=32, seed=seed)
            env.reset()
            total = np.zeros(32)
            actions = (np.arange(32, dtype=np.int32) * 5) % env.single_action_space.n
            for _ in range(200):
                _, reward, terminated, truncated, _ = env.step(actions)
                total += reward
                self.assertFalse(truncated.any())
            return total

        np.testing.assert_array_equal(run(3), run(3))
        self.assertFalse(np.array_equal(run(3), run(4)))

    def test_one_actions_array_changed_in_place_steps_as_fresh_arrays_do(self):
        # The package keeps the address of the last actions array: values changed in place must still be read.
        def run(fresh):
            env = mm.make("cj", num_envs=16, seed=7)
            env.reset()
            actions = np.zeros(16, dtype=np.int32)
            rewards = []
            for t in range(100):
                values = (np.arange(16) * (t + 3)) % env.single_action_space.n
                if fresh:
                    step_with = [int(v) for v in values]   # a list: converted anew every step
                else:
                    actions[:] = values
                    step_with = actions
                rewards.append(env.step(step_with)[1].copy())
            return np.array(rewards)

        np.testing.assert_array_equal(run(True), run(False))

    def test_an_episode_ends_at_the_horizon(self):
        # The cj preset's episode is T / dt steps: every trajectory terminates on the same step.
        env = mm.make("cj", num_envs=8, seed=1)
        env.reset()
        ends = []
        for t in range(1, 1000):
            _, _, terminated, _, _ = env.step(np.zeros(8, dtype=np.int32))
            if terminated.any():
                self.assertTrue(terminated.all())
                ends.append(t)
                if len(ends) == 2:
                    break
        self.assertEqual(len(ends), 2)
        self.assertEqual(ends[1], 2 * ends[0])

    def test_bad_input_raises_the_libraries_message(self):
        with self.assertRaises(mm.MarketMakingError) as caught:
            mm.make("nope", num_envs=4)
        self.assertIn("nope", str(caught.exception))
        env = mm.make("cj", num_envs=4)
        with self.assertRaises(ValueError):
            env.step(np.zeros(3, dtype=np.int32))

    def test_continuous_depths_outside_the_range_quote_at_its_bounds(self):
        # The cj preset's range is 0 to the grid's largest depth (12 steps of 0.2); depths beyond it are clamped.
        def run(bid, ask):
            env = mm.make("cj", num_envs=8, seed=11)
            env.reset()
            depths = np.tile([bid, ask], (8, 1))
            return np.array([env.step_depths(depths)[1].copy() for _ in range(150)])

        env = mm.make("cj", num_envs=8)
        low, high = env.depth_range
        self.assertEqual(low, 0.0)
        self.assertAlmostEqual(high, 2.4, places=12)
        np.testing.assert_array_equal(run(-1.0, 99.0), run(low, high))
        self.assertFalse(np.array_equal(run(low, high), run(high, low)))
        with self.assertRaises(ValueError):
            env.step_depths(np.zeros((8, 3)))


class QuoteTests(unittest.TestCase):
    def test_glft_quotes_are_symmetric_in_inventory(self):
        # With no drift, the bid depth at inventory q is the ask depth at −q.
        q, bid, ask = mm.quotes("glft-exact", gamma=0.1, max_inventory=5)
        np.testing.assert_array_equal(q, np.arange(-5, 6))
        np.testing.assert_allclose(bid[1:-1], ask[::-1][1:-1], rtol=1e-12)
        self.assertTrue(np.isnan(bid[-1]))   # at the limit the model stops buying
        self.assertTrue(np.all(np.diff(bid[:-1]) > 0))   # long: bid further away

    def test_monte_carlo_is_seeded(self):
        a, qa = mm.monte_carlo("glft", trajectories=200, seed=2)
        b, _ = mm.monte_carlo("glft", trajectories=200, seed=2)
        np.testing.assert_array_equal(a, b)
        self.assertTrue(np.all(np.abs(qa) <= 20))


if __name__ == "__main__":
    unittest.main()
