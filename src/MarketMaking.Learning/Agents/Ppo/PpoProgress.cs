namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>
/// Reported after each PPO update. <see cref="StepsPerSecond"/> counts environment steps of the
/// current Train call over its wall time, updates included. <see cref="MeanEpisodeReward"/> is the
/// undiscounted reward (unscaled) of the episodes that ended during the last rollout; NaN before any has.
/// </summary>
public sealed record PpoProgress(
    long EnvironmentSteps,
    long Updates,
    double StepsPerSecond,
    double MeanEpisodeReward,
    int EpisodesEnded,
    TimeSpan Elapsed,
    float LearningRate,
    PpoLossTerms Loss);
