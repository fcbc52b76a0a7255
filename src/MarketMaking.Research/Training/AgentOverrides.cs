using MarketMaking.Core.Errors;
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

    /// <summary>The options (by their mm train name) each agent reads; an agent trains the same without the others.</summary>
    public static IReadOnlyList<string> ReadBy(string kind) => kind switch
    {
        "qlearning" => ["discount"],
        "dqn" or "sac" => ["learning-rate", "batch-size", "discount", "update-frequency"],
        "ppo" => ["learning-rate", "batch-size", "discount", "update-frequency", "gae-lambda", "entropy-coefficient", "time-scale", "time-products"],
        _ => ["learning-rate", "batch-size", "discount", "update-frequency", "gae-lambda", "entropy-coefficient", "time-scale", "time-products", "squash"],
    };

    /// <summary>The options set (not null), by their mm train name.</summary>
    public IEnumerable<string> Set()
    {
        (string Name, bool IsSet)[] options =
        [
            ("learning-rate", LearningRate is not null), ("batch-size", BatchSize is not null), ("discount", Discount is not null),
            ("update-frequency", UpdateFrequency is not null), ("gae-lambda", GaeLambda is not null), ("entropy-coefficient", EntropyCoefficient is not null),
            ("time-scale", TimeScale is not null), ("time-products", TimeProducts is not null), ("squash", Squash is not null),
        ];
        return options.Where(o => o.IsSet).Select(o => o.Name);
    }

    /// <summary>
    /// Refuses an option the agent does not read: it trained exactly as without it (Q-learning's step
    /// size is count-based, so --learning-rate changed nothing), which a user could not tell.
    /// </summary>
    /// <exception cref="InvalidParameterException">An option set is one <paramref name="kind"/> does not read.</exception>
    public void RequireReadBy(string kind)
    {
        IReadOnlyList<string> read = ReadBy(kind);
        if (Set().FirstOrDefault(name => !read.Contains(name)) is { } ignored)
        {
            throw new InvalidParameterException(ignored, $"--agent {kind} does not read --{ignored}, so it would train the same without it; it reads {string.Join(", ", read.Select(name => "--" + name))}");
        }
    }
}
