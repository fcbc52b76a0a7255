namespace MarketMaking.Learning.Agents;

/// <summary>
/// Where a Q-learning or DQN training run stands (PPO reports its own PpoProgress, with its losses). Steps are
/// environment transitions: one vector step of N trajectories counts N.
/// </summary>
/// <param name="Steps">Transitions the agent has learned from, over all Train calls (the checkpointed counter).</param>
/// <param name="RunSteps">Transitions done in this Train call.</param>
/// <param name="RunTarget">Transitions this Train call was asked for.</param>
/// <param name="StepsPerSecond">Transitions per second of wall time in this call.</param>
/// <param name="MeanEpisodeReward">Mean undiscounted return of the most recent finished episodes (NaN before the first ends).</param>
/// <param name="Episodes">Episodes finished in this call.</param>
/// <param name="Epsilon">Exploration rate now.</param>
public sealed record TrainingProgress(
    long Steps, long RunSteps, long RunTarget, double StepsPerSecond, double MeanEpisodeReward, long Episodes, double Epsilon, TimeSpan Elapsed);
