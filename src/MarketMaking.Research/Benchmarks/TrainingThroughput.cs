namespace MarketMaking.Research.Benchmarks;

/// <summary>Transitions an RL agent trains on per second, every update included (<c>mm bench train</c>).</summary>
/// <param name="Agent">The agent's name (ppo, dqn, sac, ppo-continuous).</param>
/// <param name="Trajectories">Trajectories stepped together (the agent's default).</param>
/// <param name="Transitions">Transitions of the fastest timed run, as the agent counts them (whole rollouts or environment steps, so at least the number asked for).</param>
/// <param name="Runs">Timed runs.</param>
/// <param name="Seconds">Wall-clock time of the fastest run.</param>
/// <param name="TransitionsPerSecond"><paramref name="Transitions"/> over <paramref name="Seconds"/>.</param>
/// <param name="UpdateSeconds">Of <paramref name="Seconds"/>, the time spent updating the networks.</param>
/// <param name="RolloutTransitionsPerSecond">Without updates: <paramref name="Transitions"/> over <paramref name="Seconds"/> less <paramref name="UpdateSeconds"/> (acting and the environment).</param>
public sealed record TrainingThroughput(
    string Agent, int Trajectories, long Transitions, int Runs, double Seconds, double TransitionsPerSecond, double UpdateSeconds, double RolloutTransitionsPerSecond);
