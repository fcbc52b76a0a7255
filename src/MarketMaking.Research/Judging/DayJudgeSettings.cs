using MarketMaking.Core.Errors;
using MarketMaking.Research.Quoting;
using MarketMaking.Research.Replay;

namespace MarketMaking.Research.Judging;

/// <summary>
/// How a trading day judges strategies (<see cref="DayJudge"/>): the New York clock times of the
/// morning and afternoon, the block length, the strategies and the baselines they are paired
/// against, the replay's execution settings, the risk-adjusted score's penalty, and the detector's
/// labels. The parameter names of errors are the command line's.
/// </summary>
public sealed record DayJudgeSettings
{
    /// <summary>The strategies of issue 16: AS, GLFT, adaptive, fixed, AS with the guard, the spread predictor.</summary>
    public static IReadOnlyList<string> DefaultStrategies { get; } = ["as", "glft", "adaptive", "fixed", "as+guard", StrategyChoice.LearnedSpread];

    /// <summary>Start of the morning, New York time.</summary>
    public TimeOnly Open { get; init; } = new(9, 30);

    /// <summary>End of the morning (fitting) and start of the afternoon (judging).</summary>
    public TimeOnly Split { get; init; } = new(12, 0);

    /// <summary>End of the afternoon.</summary>
    public TimeOnly Close { get; init; } = new(16, 0);

    /// <summary>Length of each afternoon block: the unit of pairing.</summary>
    public TimeSpan Block { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Strategy labels (NAME or NAME+guard, nn-spread).</summary>
    public IReadOnlyList<string> Strategies { get; init; } = DefaultStrategies;

    /// <summary>Every other strategy is paired against each of these (those among <see cref="Strategies"/>).</summary>
    public IReadOnlyList<string> Baselines { get; init; } = ["as", "glft"];

    /// <summary>Latency, queues, requote interval, fees; its calibration window is replaced by the morning.</summary>
    public ReplaySetup Replay { get; init; } = new();

    /// <summary>The guard of NAME+guard (its detector is trained on the morning).</summary>
    public GuardSetup Guard { get; init; } = new();

    /// <summary>λ of the risk-adjusted score PnL − ∫λq²dt; null: ½γσ² with the strategies' γ and the morning's σ.</summary>
    public double? InventoryPenalty { get; init; }

    /// <summary>T − t the finite-horizon models quote with (s), as <c>mm backtest</c>.</summary>
    public double Horizon { get; init; } = 60;

    /// <summary>Seconds from a fill to the markout that labels it adverse.</summary>
    public double DetectorHorizon { get; init; } = 10;

    /// <summary>L2 penalty of the detector's logistic regression.</summary>
    public double DetectorL2 { get; init; } = 1;

    /// <summary>
    /// A policy file of <c>mm train --env tape</c> (trained on this day's morning) judged beside the
    /// strategies as "rl-KIND"; null: no agent.
    /// </summary>
    public string? Agent { get; init; }

    /// <summary>Seed of the spread predictor's training (weights, minibatches).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Checks the settings that do not depend on the data.</summary>
    /// <exception cref="InvalidParameterException">A setting is out of range.</exception>
    public DayJudgeSettings Validate()
    {
        ArgumentNullException.ThrowIfNull(Strategies);
        ArgumentNullException.ThrowIfNull(Baselines);
        Replay.Validate();
        Guard.Validate();

        // Whether the blocks tile the afternoon does not depend on the day: checked before any data is read.
        TradingDaySchedule.For(new DateOnly(2012, 6, 21), Open, Split, Close, Block);
        if (Strategies.Count == 0)
        {
            throw new InvalidParameterException("strategy", "name at least one strategy");
        }

        foreach (string label in Strategies)
        {
            StrategyChoice.Parse(label);
        }

        if (InventoryPenalty is { } lambda)
        {
            InvalidParameterException.RequireNonNegative("inventory-penalty", lambda);
        }

        InvalidParameterException.RequirePositive("horizon", Horizon);
        InvalidParameterException.RequirePositive("detector-horizon", DetectorHorizon);
        InvalidParameterException.RequireNonNegative("detector-l2", DetectorL2);
        return this;
    }
}
