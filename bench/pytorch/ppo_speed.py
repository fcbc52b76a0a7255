"""PPO in PyTorch with the configuration of `mm bench train --agent ppo`, timed the same way, so that
only the learner differs: the toolkit's own cj environment through its Python bindings (mm.make), 256
trajectories, rollouts of 100 steps, 10 epochs of minibatches of 2,048, a tanh 64-64 trunk over the
scaled and squared features [5x, 5τ, (5x)², (5τ)²] with a 12-way bid head and a 12-way ask head
(joint log-probability the sum), a separate tanh 64-64 value network, GAE (γ = 1, λ = 0.3) with the
advantages normalized over the rollout, the clipped surrogate (ε = 0.2), 0.5 × ½(V − R)², an entropy
bonus 0.003 × (H_bid + H_ask), Adam 1e-3 annealed linearly to 0 over the run, gradients clipped to a
global norm of 0.5; the policy heads start at a hundredth of their initial weights, as the C# ones do.

    MM_NATIVE_LIB=python/mm/native/MarketMaking.Native.so /usr/bin/python3 bench/pytorch/ppo_speed.py [--transitions 256000] [--repeats 3] [--threads N] [--json]
    ... ppo_speed.py --learn [--transitions 512000] [--json]   # does it learn: greedy policy against random quotes and the best constant depth

Like `mm bench train`: one untimed rollout first, then each timed run continues training the same
networks for --transitions (whole rollouts), and the fastest run counts; the load average is printed
beside it. Needs Debian's python3-torch (1.13) or any PyTorch, and numpy. Not run in CI; the learning
check is (python/tests/test_ppo_speed.py).
"""

import argparse
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "python"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "python", "examples"))
import mm  # noqa: E402
import ppo_torch  # noqa: E402  (evaluation and the best constant depth)

ENVS, ROLLOUT, EPOCHS, MINIBATCH = 256, 100, 10, 2048
HIDDEN, SCALE = 64, 5.0
GAMMA, LAMBDA, CLIP, VALUE_COEF, ENTROPY_COEF = 1.0, 0.3, 0.2, 0.5, 0.003
LEARNING_RATE, MAX_NORM = 1e-3, 0.5


def features(obs):
    """[x, τ] → [5x, 5τ, (5x)², (5τ)²], as the C# network's scaled and squared features."""
    scaled = obs * SCALE
    return torch.cat((scaled, scaled * scaled), dim=-1)


class GridActorCritic(nn.Module):
    def __init__(self, observations, bids, asks):
        super().__init__()
        inputs = 2 * observations
        self.trunk = nn.Sequential(nn.Linear(inputs, HIDDEN), nn.Tanh(), nn.Linear(HIDDEN, HIDDEN), nn.Tanh())
        self.bid, self.ask = nn.Linear(HIDDEN, bids), nn.Linear(HIDDEN, asks)
        self.value = nn.Sequential(nn.Linear(inputs, HIDDEN), nn.Tanh(), nn.Linear(HIDDEN, HIDDEN), nn.Tanh(), nn.Linear(HIDDEN, 1))
        with torch.no_grad():   # an almost uniform first policy: no early favourite depth
            self.bid.weight.mul_(0.01)
            self.ask.weight.mul_(0.01)

    def logits(self, x):
        h = self.trunk(x)
        return self.bid(h), self.ask(h)


class Learner:
    """The networks, the optimizer and the environment of one training run, trained a rollout at a time."""

    def __init__(self, seed=1, envs=ENVS):
        torch.manual_seed(seed)
        self.env = mm.make("cj", num_envs=envs, seed=seed)
        self.asks = self.env.ask_count
        self.net = GridActorCritic(self.env.single_observation_space.shape[0], self.env.bid_count, self.asks)
        self.optimizer = torch.optim.Adam(self.net.parameters(), lr=LEARNING_RATE)
        self.generator = torch.Generator().manual_seed(seed)
        self.obs = torch.from_numpy(self.env.reset(seed=seed)[0].copy())
        self.transitions = 0
        n, o = envs, self.obs.shape[1]
        self.observations = torch.zeros(ROLLOUT, n, o)
        self.bids = torch.zeros(ROLLOUT, n, dtype=torch.int64)
        self.asks_taken = torch.zeros(ROLLOUT, n, dtype=torch.int64)
        self.log_probs = torch.zeros(ROLLOUT, n)
        self.values = torch.zeros(ROLLOUT, n)
        self.rewards = torch.zeros(ROLLOUT, n)
        self.terminated = torch.zeros(ROLLOUT, n, dtype=torch.bool)
        self.episode_rewards = []

    def train(self, transitions):
        """Whole rollouts until at least `transitions` more; the step size falls linearly to 0 over them, as in C#."""
        start = self.transitions
        end = start + transitions
        while self.transitions < end:
            for group in self.optimizer.param_groups:
                group["lr"] = LEARNING_RATE * max(0.0, 1.0 - self.transitions / end)
            self.update(*self.collect())
            self.transitions += ROLLOUT * self.env.num_envs
        return self.transitions - start

    @torch.no_grad()
    def collect(self):
        n = self.env.num_envs
        totals = torch.zeros(n)
        for t in range(ROLLOUT):
            self.observations[t] = self.obs
            x = features(self.obs)
            bid_logits, ask_logits = self.net.logits(x)
            bid_log_p, ask_log_p = torch.log_softmax(bid_logits, -1), torch.log_softmax(ask_logits, -1)
            bid = torch.multinomial(bid_log_p.exp(), 1, generator=self.generator).squeeze(-1)
            ask = torch.multinomial(ask_log_p.exp(), 1, generator=self.generator).squeeze(-1)
            self.bids[t], self.asks_taken[t] = bid, ask
            self.log_probs[t] = bid_log_p.gather(-1, bid[:, None]).squeeze(-1) + ask_log_p.gather(-1, ask[:, None]).squeeze(-1)
            self.values[t] = self.net.value(x).squeeze(-1)
            obs, reward, terminated, truncated, _ = self.env.step((bid * self.asks + ask).numpy().astype(np.int32))
            self.obs = torch.from_numpy(obs.copy())   # the environment's buffers are overwritten by the next step
            self.rewards[t] = torch.from_numpy(reward)
            self.terminated[t] = torch.from_numpy(terminated | truncated)
            totals += self.rewards[t]
            if self.terminated[t].any():
                self.episode_rewards.append(totals[self.terminated[t]].mean().item())
                totals[self.terminated[t]] = 0
        # GAE as in C#: an ended trajectory's next value is 0 (cj episodes end at the horizon, terminated, never truncated).
        following = self.net.value(features(self.obs)).squeeze(-1)
        advantages = torch.zeros_like(self.rewards)
        carried = torch.zeros(n)
        for t in reversed(range(ROLLOUT)):
            alive = (~self.terminated[t]).float()
            delta = self.rewards[t] + GAMMA * following * alive - self.values[t]
            carried = delta + GAMMA * LAMBDA * carried * alive
            advantages[t] = carried
            following = self.values[t]
        returns = advantages + self.values
        advantages = (advantages - advantages.mean()) / (advantages.std(unbiased=False) + 1e-8)
        return advantages, returns

    def update(self, advantages, returns):
        size = ROLLOUT * self.env.num_envs
        x = features(self.observations.reshape(size, -1))
        bids, asks = self.bids.reshape(size), self.asks_taken.reshape(size)
        old, adv, ret = self.log_probs.reshape(size), advantages.reshape(size), returns.reshape(size)
        for _ in range(EPOCHS):
            order = torch.randperm(size, generator=self.generator)
            for start in range(0, size, MINIBATCH):
                index = order[start:start + MINIBATCH]
                xb = x[index]
                bid_logits, ask_logits = self.net.logits(xb)
                bid_log_p, ask_log_p = torch.log_softmax(bid_logits, -1), torch.log_softmax(ask_logits, -1)
                log_p = bid_log_p.gather(-1, bids[index, None]).squeeze(-1) + ask_log_p.gather(-1, asks[index, None]).squeeze(-1)
                ratio = torch.exp(log_p - old[index])
                a = adv[index]
                policy_loss = -torch.min(ratio * a, torch.clamp(ratio, 1 - CLIP, 1 + CLIP) * a).mean()
                value_loss = 0.5 * ((self.net.value(xb).squeeze(-1) - ret[index]) ** 2).mean()
                entropy = -(bid_log_p.exp() * bid_log_p).sum(-1).mean() - (ask_log_p.exp() * ask_log_p).sum(-1).mean()
                loss = policy_loss + VALUE_COEF * value_loss - ENTROPY_COEF * entropy
                self.optimizer.zero_grad(set_to_none=True)
                loss.backward()
                nn.utils.clip_grad_norm_(self.net.parameters(), MAX_NORM)
                self.optimizer.step()

    def greedy(self):
        """The most likely depth of each side, as an action of the environment."""
        def policy(obs):
            with torch.no_grad():
                bid_logits, ask_logits = self.net.logits(features(torch.from_numpy(obs.copy())))
                return (bid_logits.argmax(-1) * self.asks + ask_logits.argmax(-1)).numpy().astype(np.int32)
        return policy


def measure(transitions, repeats, seed=1):
    learner = Learner(seed)
    learner.train(1)   # untimed: one rollout
    best = None
    for _ in range(repeats):
        start = time.perf_counter()
        done = learner.train(transitions)
        seconds = time.perf_counter() - start
        if best is None or done / seconds > best[0] / best[1]:
            best = (done, seconds)
    return {"benchmark": "train", "agent": "ppo-pytorch", "trajectories": ENVS, "transitions": best[0], "runs": repeats, "seconds": best[1],
            "transitions_per_second": best[0] / best[1], "threads": torch.get_num_threads(), "torch": torch.__version__, "load_average": os.getloadavg()[0]}


def learn(transitions, seed=1, evaluation_seed=1_000_001):
    """Trains for `transitions`, then scores the greedy policy, uniformly random quotes and the best constant depth on the same evaluation trajectories."""
    learner = Learner(seed)
    learner.train(transitions)
    ppo = ppo_torch.evaluate(learner.greedy(), seed=evaluation_seed)
    rng = np.random.default_rng(seed)
    random_quotes = ppo_torch.evaluate(lambda obs: rng.integers(0, 144, len(obs), dtype=np.int32), seed=evaluation_seed)
    constant, action = ppo_torch.best_constant(seed=evaluation_seed)
    return {"transitions": learner.transitions, "ppo": ppo, "uniformly_random": random_quotes, "best_constant": constant, "best_constant_action": action,
            "gap_closed_from_random_to_best_constant": (ppo - random_quotes) / (constant - random_quotes)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--transitions", type=int, default=256_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--learn", action="store_true", help="train once and score the policy instead of timing")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.transitions < 1 or args.repeats < 1 or args.threads < 1:
        parser.error("--transitions, --repeats and --threads must be at least 1")
    torch.set_num_threads(args.threads)
    if args.learn:
        result = learn(args.transitions, args.seed)
        text = (f"PyTorch PPO after {result['transitions']:,} transitions (greedy): {result['ppo']:.4f} per episode; uniformly random {result['uniformly_random']:.4f}; "
                f"best constant depth {result['best_constant']:.4f}: {100 * result['gap_closed_from_random_to_best_constant']:.1f}% of the way from random to the constant")
    else:
        result = measure(args.transitions, args.repeats, args.seed)
        text = (f"train (ppo, PyTorch {result['torch']}, {result['threads']} threads): {result['transitions_per_second'] / 1000:.1f} k transitions/s including updates "
                f"(best of {result['runs']}), {result['transitions']:,} transitions of {ENVS} trajectories in {result['seconds']:.2f} s; load average {result['load_average']:.2f}")
    print(json.dumps(result) if args.json else text)
