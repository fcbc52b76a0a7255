using MarketMaking.Core.Errors;

namespace MarketMaking.Learning.Agents.QLearning;

/// <summary>
/// Tabular Q-learning: how observations become table rows, the exploration and step-size
/// schedules, and the update rule. Defaults suit the Cartea–Jaimungal preset (observation
/// [q/Q_max, time left/T], 100 steps per episode).
/// </summary>
public sealed record QLearningSettings
{
    /// <summary>Q_max of the environment: inventory q = round(obs[inventory]·Q_max), binned −Q_max..Q_max.</summary>
    public int MaxInventory { get; init; } = 10;

    /// <summary>Bins of time left; one per environment step makes the table exact, fewer share samples between neighbouring times.</summary>
    public int TimeBins { get; init; } = 20;

    public int InventoryIndex { get; init; }

    public int TimeIndex { get; init; } = 1;

    /// <summary>Extra observation dimensions (volatility, flow, …), each binned on its own.</summary>
    public IReadOnlyList<FeatureBins> Features { get; init; } = [];

    /// <summary>1 for the undiscounted finite-horizon objective; the time-left bin keeps the problem Markov.</summary>
    public double Gamma { get; init; } = 1;

    /// <summary>ε of ε-greedy exploration, linear from start to end over <see cref="EpsilonDecaySteps"/> transitions.</summary>
    public double EpsilonStart { get; init; } = 1;

    public double EpsilonEnd { get; init; } = 0.05;

    public long EpsilonDecaySteps { get; init; } = 50_000_000;

    /// <summary>ω of the count-based step size α = max(α_min, (n + 1)^−ω), n the visits of (state, action) so far; ω in (½, 1] meets the Robbins–Monro conditions.</summary>
    public double LearningRateExponent { get; init; } = 0.8;

    public double MinLearningRate { get; init; }

    /// <summary>
    /// Double Q-learning (van Hasselt 2010): two tables, each updated towards the other's value of
    /// its own greedy action. With γ = 1 over 100 steps the max over 144 noisy estimates would add
    /// up to a large optimistic bias, largest in the rarely visited high-inventory states.
    /// </summary>
    public bool DoubleQ { get; init; } = true;

    /// <summary>
    /// When &gt; 0, actions are a bid × ask grid with this many ask depths (the <see cref="Environments.DepthGrid"/>
    /// layout, action = bid·AskCount + ask) and the table is additive: Q(s, bid, ask) = Q_bid(s, bid) + Q_ask(s, ask).
    /// Exact up to the rare step where both sides fill; each transition then informs 1 of 12 cells
    /// per side instead of 1 of 144, which the tiny action gaps of market making need. 0: one cell
    /// per action.
    /// </summary>
    public int FactoredAskCount { get; init; }

    public QLearningSettings Validate()
    {
        if (FactoredAskCount < 0)
        {
            throw new InvalidParameterException("factored_ask_count", $"must be zero or positive, got {FactoredAskCount}");
        }

        if (MaxInventory < 1)
        {
            throw new InvalidParameterException("max_inventory", $"must be at least 1, got {MaxInventory}");
        }

        if (TimeBins < 1)
        {
            throw new InvalidParameterException("time_bins", $"must be at least 1, got {TimeBins}");
        }

        if (InventoryIndex < 0 || TimeIndex < 0 || InventoryIndex == TimeIndex)
        {
            throw new InvalidParameterException("observation_index", $"inventory ({InventoryIndex}) and time ({TimeIndex}) need distinct indices ≥ 0");
        }

        ArgumentNullException.ThrowIfNull(Features);
        InvalidParameterException.RequireProbability("gamma", Gamma);
        InvalidParameterException.RequireProbability("epsilon_start", EpsilonStart);
        InvalidParameterException.RequireProbability("epsilon_end", EpsilonEnd);
        if (EpsilonDecaySteps < 0)
        {
            throw new InvalidParameterException("epsilon_decay_steps", $"must be zero or positive, got {EpsilonDecaySteps}");
        }

        InvalidParameterException.RequireProbability("learning_rate_exponent", LearningRateExponent);
        InvalidParameterException.RequireProbability("min_learning_rate", MinLearningRate);
        return this;
    }

    public LinearSchedule Epsilon => new(EpsilonStart, EpsilonEnd, EpsilonDecaySteps);
}
