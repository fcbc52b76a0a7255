namespace MarketMaking.Research.Training;

/// <summary>What a training run did.</summary>
/// <param name="Agent">The agent's name.</param>
/// <param name="Steps">Transitions trained.</param>
/// <param name="Seconds">Wall-clock time.</param>
/// <param name="StepsPerSecond">Throughput at the last report.</param>
/// <param name="MeanEpisodeReward">Mean episode reward at the last report.</param>
/// <param name="PolicyPath">The policy file written; null when none was asked for.</param>
public sealed record AgentTrainingResult(string Agent, long Steps, double Seconds, double StepsPerSecond, double MeanEpisodeReward, string? PolicyPath);
