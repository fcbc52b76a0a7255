using MarketMaking.Learning.Agents.Ppo;

namespace MarketMaking.Research.Training;

/// <summary>
/// Hyperparameters the user may set for any agent (config section <c>agent</c>); null keeps the
/// agent's tuned default. Update frequency is DQN's transitions between updates and PPO's rollout length.
/// </summary>
/// <param name="LearningRate">The optimizer's step size.</param>
/// <param name="BatchSize">Minibatch size (DQN, PPO).</param>
/// <param name="Discount">Discount γ (1: the undiscounted sum over the episode).</param>
/// <param name="UpdateFrequency">DQN: transitions between updates; PPO: rollout length.</param>
/// <param name="GaeLambda">PPO (grid and continuous): λ of the generalized advantage estimate.</param>
/// <param name="EntropyCoefficient">PPO (grid and continuous): weight of the entropy bonus.</param>
/// <param name="TimeScale">PPO (grid and continuous): the time left's own gain in the network's features (default: the inventory's).</param>
/// <param name="TimeProducts">PPO (grid and continuous): the network also sees each feature times the time left.</param>
/// <param name="Squash">Continuous PPO: how the Gaussian's sample becomes a depth (tanh or clipped).</param>
public sealed record AgentOverrides(
    double? LearningRate = null, int? BatchSize = null, double? Discount = null, int? UpdateFrequency = null, double? GaeLambda = null, double? EntropyCoefficient = null,
    double? TimeScale = null, bool? TimeProducts = null, ActionSquash? Squash = null)
{
    /// <summary>Every hyperparameter at its tuned default.</summary>
    public static AgentOverrides None { get; } = new();
}
