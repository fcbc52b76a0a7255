"""PPO in PyTorch on the toolkit's cj environment (mm.make): an actor and a critic, small multilayer
perceptrons over the observation [q / Q_max, time left / T], trained on whole episodes of num_envs
trajectories stepped together, then evaluated greedily on other seeds beside the best constant depth.

    MM_NATIVE_LIB=python/mm/native/MarketMaking.Native.so python3 python/examples/ppo_torch.py [--iterations 40] [--json]

Needs Debian's python3-torch (or any PyTorch) besides numpy. Seeded: the same seed gives the same policy
on the same machine and PyTorch build.
"""

import argparse
import json
import os
import sys

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import mm  # noqa: E402


class ActorCritic(nn.Module):
    def __init__(self, observations, actions, hidden=64):
        super().__init__()
        self.actor = nn.Sequential(nn.Linear(observations, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh(), nn.Linear(hidden, actions))
        self.critic = nn.Sequential(nn.Linear(observations, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh(), nn.Linear(hidden, 1))
        # A small last layer starts the policy near uniform, as PPO implementations usually do.
        nn.init.orthogonal_(self.actor[-1].weight, gain=0.01)
        nn.init.zeros_(self.actor[-1].bias)

    def distribution(self, obs):
        return torch.distributions.Categorical(logits=self.actor(obs))

    def value(self, obs):
        return self.critic(obs).squeeze(-1)


def episode_length(env):
    """Steps until the environment ends its episodes (every trajectory together), found by stepping."""
    env.reset()
    steps = 0
    while True:
        steps += 1
        _, _, terminated, _, _ = env.step(np.zeros(env.num_envs, dtype=np.int32))
        if terminated.all():
            return steps


def train(iterations=40, num_envs=256, seed=1, hidden=64, epochs=4, minibatch=2048, learning_rate=3e-3, clip=0.2, lam=0.95, entropy=0.003, log=None):
    """PPO with clipped ratios and GAE (γ = 1: the episode is finite and time left is observed); one
    episode of num_envs trajectories per iteration. Returns the trained network."""
    torch.manual_seed(seed)
    env = mm.make("cj", num_envs=num_envs, seed=seed)
    horizon = episode_length(env)
    net = ActorCritic(env.single_observation_space.shape[0], env.single_action_space.n, hidden)
    optimizer = torch.optim.Adam(net.parameters(), lr=learning_rate)
    generator = torch.Generator().manual_seed(seed)
    for iteration in range(iterations):
        obs, _ = env.reset(seed=seed * 100_003 + iteration)
        observations = torch.zeros(horizon, num_envs, obs.shape[1])
        actions = torch.zeros(horizon, num_envs, dtype=torch.int64)
        log_probs = torch.zeros(horizon, num_envs)
        rewards = torch.zeros(horizon, num_envs)
        with torch.no_grad():
            for t in range(horizon):
                observations[t] = torch.from_numpy(obs.copy())   # the environment's buffers are overwritten by the next step
                dist = net.distribution(observations[t])
                action = torch.multinomial(dist.probs, 1, generator=generator).squeeze(-1)
                actions[t], log_probs[t] = action, dist.log_prob(action)
                obs, reward, _, _, _ = env.step(action.numpy().astype(np.int32))
                rewards[t] = torch.from_numpy(reward.copy())
            values = net.value(observations)
            advantages = torch.zeros_like(rewards)
            running = torch.zeros(num_envs)
            for t in reversed(range(horizon)):
                following = values[t + 1] if t + 1 < horizon else torch.zeros(num_envs)
                running = rewards[t] + following - values[t] + lam * running
                advantages[t] = running
            returns = advantages + values
        flat = [x.reshape(horizon * num_envs, *x.shape[2:]) for x in (observations, actions, log_probs, advantages, returns)]
        for _ in range(epochs):
            order = torch.randperm(horizon * num_envs, generator=generator)
            for start in range(0, len(order), minibatch):
                index = order[start:start + minibatch]
                o, a, old, adv, ret = (x[index] for x in flat)
                adv = (adv - adv.mean()) / (adv.std() + 1e-8)
                dist = net.distribution(o)
                ratio = torch.exp(dist.log_prob(a) - old)
                policy_loss = -torch.min(ratio * adv, torch.clamp(ratio, 1 - clip, 1 + clip) * adv).mean()
                value_loss = ((net.value(o) - ret) ** 2).mean()
                loss = policy_loss + 0.5 * value_loss - entropy * dist.entropy().mean()
                optimizer.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(net.parameters(), 0.5)
                optimizer.step()
        if log is not None:
            log(f"iteration {iteration + 1}/{iterations}: mean episode reward {rewards.sum(0).mean().item():.4f}")
    env.close()
    return net


def evaluate(policy, num_envs=4096, seed=1_000_001, continuous=False):
    """Mean total reward of one episode over num_envs trajectories; policy maps an observation batch (numpy) to int32
    actions, or with continuous to depths (num_envs, 2) for env.step_depths."""
    env = mm.make("cj", num_envs=num_envs, seed=seed)
    step = env.step_depths if continuous else env.step
    obs, _ = env.reset()
    total = np.zeros(num_envs)
    while True:
        obs, reward, terminated, _, _ = step(policy(obs))
        total += reward
        if terminated.all():
            env.close()
            return float(total.mean())


def greedy(net):
    def policy(obs):
        with torch.no_grad():
            return net.actor(torch.from_numpy(obs.copy())).argmax(-1).numpy().astype(np.int32)
    return policy


def constant(action, num_envs=4096):
    actions = np.full(num_envs, action, dtype=np.int32)
    return lambda obs: actions


def best_constant(env_name="cj", num_envs=4096, seed=1_000_001):
    """The best symmetric constant depth on the grid (same depth both sides), by evaluation: (value, action)."""
    env = mm.make(env_name, num_envs=1)
    asks = env.ask_count
    env.close()
    return max((evaluate(constant(k * asks + k, num_envs), num_envs, seed), k * asks + k) for k in range(asks))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=40)
    parser.add_argument("--envs", type=int, default=256)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(1)
    network = train(args.iterations, args.envs, args.seed, log=lambda line: print(line, file=sys.stderr))
    ppo = evaluate(greedy(network))
    constant_value, constant_action = best_constant()
    random_value = evaluate(lambda obs, rng=np.random.default_rng(args.seed): rng.integers(0, 144, len(obs), dtype=np.int32))
    result = {"ppo": ppo, "best_constant": constant_value, "best_constant_action": constant_action, "uniformly_random": random_value}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"PPO (greedy): {ppo:.4f} per episode; best constant depth: {constant_value:.4f} (action {constant_action}); uniformly random: {random_value:.4f}")
