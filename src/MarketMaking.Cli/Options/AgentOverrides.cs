namespace MarketMaking.Cli.Options;

/// <summary>
/// Hyperparameters the user may set for any agent (config section <c>agent</c>); null keeps the
/// agent's tuned default. Update frequency is DQN's transitions between updates and PPO's rollout length.
/// </summary>
internal sealed record AgentOverrides(double? LearningRate, int? BatchSize, double? Discount, int? UpdateFrequency);
