namespace MarketMaking.Research.Training;

/// <summary>Where a training run stands.</summary>
/// <param name="Steps">Transitions trained so far (every member's).</param>
/// <param name="StepsPerSecond">Recent throughput.</param>
/// <param name="MeanEpisodeReward">Mean reward of recent episodes.</param>
public sealed record AgentTrainingProgress(long Steps, double StepsPerSecond, double MeanEpisodeReward);
