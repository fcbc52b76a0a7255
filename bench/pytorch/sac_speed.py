"""SAC in PyTorch with the configuration of `mm bench train --agent sac`, timed the same way, so that
only the learner differs: the toolkit's own cj environment through its Python bindings (mm.make,
continuous quotes with env.step_depths), 64 trajectories, a tanh-squashed Gaussian actor over (bid, ask)
giving μ and log σ per side (log σ clamped to [−5, 2]), twin Q networks on [features, a_bid, a_ask] with
Polyak-averaged targets (τ = 0.005), tanh 64-64 layers over the scaled and squared features
[5x, 5τ, (5x)², (5τ)²], γ = 1, a replay buffer of 1,000,000, 20,000 uniformly random transitions before
the first update, then one gradient step per 8 transitions on a batch of 256 (the critics, then the actor
through the updated critics, then the temperature α learned toward an entropy of −2 nats from 0.01,
then the targets), Adam 3e-4 everywhere. Written the way PyTorch SAC is usually written (CleanRL's
sac_continuous_action): one optimizer over both critics, autograd through the critics for the actor.

    MM_NATIVE_LIB=python/mm/native/MarketMaking.Native.so /usr/bin/python3 bench/pytorch/sac_speed.py [--transitions 16000] [--repeats 3] [--threads N] [--json]
    ... sac_speed.py --learn [--transitions 500000] [--json]   # does it learn: its deterministic quotes against random quotes and the best constant depth

Like `mm bench train --agent sac`: an untimed warm-up first (the 20,000 random transitions and 8,192
transitions of updates), then each timed run continues training the same networks for --transitions
(whole steps of the 64 trajectories), and the fastest run counts; the load average is printed beside
it. Needs Debian's python3-torch (1.13) or any PyTorch, and numpy. Not run in CI.
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

ENVS, HIDDEN, SCALE = 64, 64, 5.0
GAMMA, TAU, LEARNING_RATE, BATCH = 1.0, 0.005, 3e-4, 256
REPLAY, WARMUP, UPDATE_EVERY = 1_000_000, 20_000, 8
TARGET_ENTROPY, INITIAL_TEMPERATURE = -2.0, 0.01
MIN_LOG_STD, MAX_LOG_STD = -5.0, 2.0


def features(obs):
    """[x, τ] → [5x, 5τ, (5x)², (5τ)²], as the C# networks' scaled and squared features."""
    scaled = obs * SCALE
    return torch.cat((scaled, scaled * scaled), dim=-1)


def mlp(inputs, outputs):
    return nn.Sequential(nn.Linear(inputs, HIDDEN), nn.Tanh(), nn.Linear(HIDDEN, HIDDEN), nn.Tanh(), nn.Linear(HIDDEN, outputs))


class Actor(nn.Module):
    def __init__(self, inputs):
        super().__init__()
        self.net = mlp(inputs, 4)

    def sample(self, x, generator=None):
        """a = tanh(μ + σε) and log π(a), the tanh correction written 2(ln 2 − u − softplus(−2u)) as in C#."""
        heads = self.net(x)
        mu, log_std = heads[:, :2], heads[:, 2:].clamp(MIN_LOG_STD, MAX_LOG_STD)
        std = log_std.exp()
        noise = torch.randn(mu.shape, generator=generator)
        u = mu + std * noise
        log_p = (-0.5 * noise * noise - log_std - 0.5 * np.log(2 * np.pi)).sum(-1)
        log_p = log_p - (2 * (np.log(2) - u - nn.functional.softplus(-2 * u))).sum(-1)
        return torch.tanh(u), log_p

    def deterministic(self, x):
        return torch.tanh(self.net(x)[:, :2])


class Learner:
    """The networks, optimizers, replay buffer and environment of one training run."""

    def __init__(self, seed=1, envs=ENVS):
        torch.manual_seed(seed)
        self.generator = torch.Generator().manual_seed(seed)
        self.env = mm.make("cj", num_envs=envs, seed=seed)
        self.low, self.high = self.env.depth_range
        o = self.env.single_observation_space.shape[0]
        self.actor = Actor(2 * o)
        self.q1, self.q2 = mlp(2 * o + 2, 1), mlp(2 * o + 2, 1)
        self.t1, self.t2 = mlp(2 * o + 2, 1), mlp(2 * o + 2, 1)
        self.t1.load_state_dict(self.q1.state_dict())
        self.t2.load_state_dict(self.q2.state_dict())
        self.critics = list(self.q1.parameters()) + list(self.q2.parameters())
        self.targets = list(self.t1.parameters()) + list(self.t2.parameters())
        self.actor_optimizer = torch.optim.Adam(self.actor.parameters(), lr=LEARNING_RATE)
        self.critic_optimizer = torch.optim.Adam(self.critics, lr=LEARNING_RATE)
        self.log_alpha = torch.tensor(np.log(INITIAL_TEMPERATURE), dtype=torch.float32, requires_grad=True)
        self.alpha_optimizer = torch.optim.Adam([self.log_alpha], lr=LEARNING_RATE)
        self.observations = torch.zeros(REPLAY, o)
        self.actions = torch.zeros(REPLAY, 2)
        self.rewards = torch.zeros(REPLAY)
        self.next = torch.zeros(REPLAY, o)
        self.terminal = torch.zeros(REPLAY)
        self.stored, self.position = 0, 0
        self.depths = np.zeros((envs, 2))
        self.obs = torch.from_numpy(self.env.reset(seed=seed)[0].copy())
        self.transitions, self.since_update, self.updates = 0, 0, 0

    def train(self, transitions):
        """Whole steps of every trajectory until at least `transitions` more; returns how many."""
        start = self.transitions
        n = self.env.num_envs
        while self.transitions - start < transitions:
            with torch.no_grad():
                if self.stored < WARMUP:
                    action = torch.rand(n, 2, generator=self.generator) * 2 - 1
                else:
                    action, _ = self.actor.sample(features(self.obs), self.generator)
            self.depths[:] = self.low + (self.high - self.low) * 0.5 * (action.numpy() + 1)
            obs, reward, terminated, truncated, _ = self.env.step_depths(self.depths)
            following = torch.from_numpy(obs.copy())
            self.store(self.obs, action, torch.from_numpy(reward.copy()), following, torch.from_numpy(terminated.astype(np.float32)),
                       torch.from_numpy(~truncated))
            self.obs = following
            self.transitions += n
            self.since_update += n
            while self.since_update >= UPDATE_EVERY:
                self.since_update -= UPDATE_EVERY
                if self.stored >= max(WARMUP, BATCH):
                    self.update()
        return self.transitions - start

    def store(self, obs, action, reward, following, terminal, keep):
        # A truncated transition's next observation is already the next episode's: not stored (as in C#).
        rows = keep.nonzero().squeeze(-1)
        k = len(rows)
        index = (self.position + torch.arange(k)) % REPLAY
        self.observations[index], self.actions[index], self.rewards[index] = obs[rows], action[rows], reward[rows]
        self.next[index], self.terminal[index] = following[rows], terminal[rows]
        self.position = (self.position + k) % REPLAY
        self.stored = min(self.stored + k, REPLAY)

    def update(self):
        index = torch.randint(self.stored, (BATCH,), generator=self.generator)
        x, a, r = features(self.observations[index]), self.actions[index], self.rewards[index]
        x_next, done = features(self.next[index]), self.terminal[index]
        alpha = self.log_alpha.exp().detach()
        with torch.no_grad():
            a_next, log_p_next = self.actor.sample(x_next, self.generator)
            xa_next = torch.cat((x_next, a_next), -1)
            bootstrap = torch.min(self.t1(xa_next), self.t2(xa_next)).squeeze(-1) - alpha * log_p_next
            y = r + GAMMA * (1 - done) * bootstrap
        xa = torch.cat((x, a), -1)
        critic_loss = 0.5 * ((self.q1(xa).squeeze(-1) - y) ** 2).mean() + 0.5 * ((self.q2(xa).squeeze(-1) - y) ** 2).mean()
        self.critic_optimizer.zero_grad(set_to_none=True)
        critic_loss.backward()
        self.critic_optimizer.step()

        pi, log_p = self.actor.sample(x, self.generator)
        xpi = torch.cat((x, pi), -1)
        actor_loss = (alpha * log_p - torch.min(self.q1(xpi), self.q2(xpi)).squeeze(-1)).mean()
        self.actor_optimizer.zero_grad(set_to_none=True)
        actor_loss.backward()
        self.actor_optimizer.step()

        alpha_loss = -(self.log_alpha * (log_p.detach() + TARGET_ENTROPY)).mean()
        self.alpha_optimizer.zero_grad(set_to_none=True)
        alpha_loss.backward()
        self.alpha_optimizer.step()

        with torch.no_grad():
            torch._foreach_mul_(self.targets, 1 - TAU)
            torch._foreach_add_(self.targets, self.critics, alpha=TAU)
        self.updates += 1

    def deterministic(self):
        """tanh(μ) of each side as depths, the quotes the C# agent acts with."""
        def policy(obs):
            with torch.no_grad():
                a = self.actor.deterministic(features(torch.from_numpy(obs.copy()))).double().numpy()
            return self.low + (self.high - self.low) * 0.5 * (a + 1)
        return policy


def measure(transitions, repeats, seed=1):
    learner = Learner(seed)
    learner.train(WARMUP + 8_192)   # untimed: the random warm-up and the first updates
    best = None
    for _ in range(repeats):
        start = time.perf_counter()
        done = learner.train(transitions)
        seconds = time.perf_counter() - start
        if best is None or done / seconds > best[0] / best[1]:
            best = (done, seconds)
    return {"benchmark": "train", "agent": "sac-pytorch", "trajectories": ENVS, "transitions": best[0], "runs": repeats, "seconds": best[1],
            "transitions_per_second": best[0] / best[1], "threads": torch.get_num_threads(), "torch": torch.__version__, "load_average": os.getloadavg()[0]}


def learn(transitions, seed=1, evaluation_seed=1_000_001):
    """Trains for `transitions`, then scores the deterministic quotes, uniformly random quotes and the best constant depth on the same evaluation trajectories."""
    learner = Learner(seed)
    learner.train(transitions)
    sac = ppo_torch.evaluate(learner.deterministic(), seed=evaluation_seed, continuous=True)
    rng = np.random.default_rng(seed)
    random_quotes = ppo_torch.evaluate(lambda obs: rng.uniform(learner.low, learner.high, (len(obs), 2)), seed=evaluation_seed, continuous=True)
    constant, _ = ppo_torch.best_constant(seed=evaluation_seed)
    return {"transitions": learner.transitions, "sac": sac, "uniformly_random": random_quotes, "best_constant": constant,
            "temperature": float(learner.log_alpha.exp()), "gap_closed_from_random_to_best_constant": (sac - random_quotes) / (constant - random_quotes)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--transitions", type=int, default=16_000)
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
        text = (f"PyTorch SAC after {result['transitions']:,} transitions (tanh μ): {result['sac']:.4f} per episode; uniformly random {result['uniformly_random']:.4f}; "
                f"best constant depth {result['best_constant']:.4f}: {100 * result['gap_closed_from_random_to_best_constant']:.1f}% of the way from random to the constant")
    else:
        result = measure(args.transitions, args.repeats, args.seed)
        text = (f"train (sac, PyTorch {result['torch']}, {result['threads']} threads): {result['transitions_per_second'] / 1000:.2f} k transitions/s including updates "
                f"(best of {result['runs']}), {result['transitions']:,} transitions of {ENVS} trajectories in {result['seconds']:.2f} s; load average {result['load_average']:.2f}")
    print(json.dumps(result) if args.json else text)
