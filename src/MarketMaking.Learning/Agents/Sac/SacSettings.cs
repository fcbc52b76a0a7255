using MarketMaking.Core.Errors;
using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Agents.Sac;

/// <summary>
/// Hyperparameters of <see cref="SacAgent"/>: the networks' shape and the soft actor-critic update
/// (Haarnoja et al. 2018, "Soft Actor-Critic Algorithms and Applications", with the automatic
/// entropy temperature).
/// </summary>
public sealed record SacSettings
{
    /// <summary>Hidden widths of the actor and of each Q network.</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = [64, 64];

    public Activation Activation { get; init; } = Activation.Tanh;

    /// <summary>Multiplies each observation before the networks see it (as PPO's: single units of inventory resolvable at once).</summary>
    public float ObservationScale { get; init; } = 5f;

    /// <summary>The networks also see the square of each scaled observation (the value's curvature in inventory).</summary>
    public bool SquaredFeatures { get; init; } = true;

    /// <summary>γ: 1 for the undiscounted episode objective (episodes end at T, where nothing is bootstrapped).</summary>
    public float Discount { get; init; } = 1f;

    /// <summary>τ of the Polyak-averaged target Q networks.</summary>
    public float TargetSmoothing { get; init; } = 0.005f;

    public float LearningRate { get; init; } = 3e-4f;

    public int BatchSize { get; init; } = 256;

    public int ReplayCapacity { get; init; } = 1_000_000;

    /// <summary>Transitions taken with uniform random depths before the first update.</summary>
    public int WarmupSteps { get; init; } = 20_000;

    /// <summary>Transitions per gradient step (of the critics, the actor and the temperature).</summary>
    public int UpdateEvery { get; init; } = 8;

    /// <summary>The entropy the temperature steers the policy to, in nats; NaN for −(action dimensions), the paper's choice.</summary>
    public float TargetEntropy { get; init; } = float.NaN;

    public float InitialTemperature { get; init; } = 0.01f;

    /// <summary>Rewards are multiplied by this before learning.</summary>
    public float RewardScale { get; init; } = 1f;

    public SacSettings Validate()
    {
        if (HiddenSizes is null || HiddenSizes.Count == 0 || HiddenSizes.Any(h => h < 1))
        {
            throw new InvalidParameterException("hidden_sizes", "need at least one hidden layer, each at least 1 wide");
        }

        if (!Enum.IsDefined(Activation))
        {
            throw new InvalidParameterException("activation", $"unknown activation {Activation}");
        }

        InvalidParameterException.RequirePositive("observation_scale", ObservationScale);
        InvalidParameterException.RequireProbability("discount", Discount);
        InvalidParameterException.RequireProbability("target_smoothing", TargetSmoothing);
        InvalidParameterException.RequirePositive("learning_rate", LearningRate);
        InvalidParameterException.RequirePositive("initial_temperature", InitialTemperature);
        InvalidParameterException.RequirePositive("reward_scale", RewardScale);
        foreach ((string name, int value) in new[] { ("batch_size", BatchSize), ("replay_capacity", ReplayCapacity), ("update_every", UpdateEvery) })
        {
            if (value < 1)
            {
                throw new InvalidParameterException(name, $"must be at least 1, got {value}");
            }
        }

        if (WarmupSteps < 0)
        {
            throw new InvalidParameterException("warmup_steps", $"must not be negative, got {WarmupSteps}");
        }

        return this;
    }
}
