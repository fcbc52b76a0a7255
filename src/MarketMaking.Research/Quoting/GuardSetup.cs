using MarketMaking.Core.Errors;
using MarketMaking.Learning.AdverseSelection;
using MarketMaking.Signals.Features;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Quoting;

/// <summary>
/// The adverse-selection guard a strategy named "NAME+guard" wears: where its detector comes from
/// (a model file, or trained on seeds the comparison does not use), its threshold and action, and
/// the large-trade cool-down. The parameter names of errors are the command line's.
/// </summary>
public sealed record GuardSetup
{
    /// <summary>Detector file (from <c>mm train detector</c>); null: train one where the market allows it.</summary>
    public string? ModelPath { get; init; }

    /// <summary>Act on a side when P(adverse fill) exceeds this.</summary>
    public double Threshold { get; init; } = 0.55;

    /// <summary>Widen or withdraw an exposed side.</summary>
    public GuardAction Action { get; init; } = GuardAction.Widen;

    /// <summary>Ticks an exposed side moves away from the mid.</summary>
    public double WideningTicks { get; init; } = 3;

    /// <summary>Seconds the side a large trade hit stays withdrawn (0: off).</summary>
    public double Cooldown { get; init; }

    /// <summary>Lots from which a trade counts as large.</summary>
    public long LargeTradeSize { get; init; } = 10;

    /// <summary>Runs a detector is trained on when no model file is given (at least 2: train and test).</summary>
    public int TrainRuns { get; init; } = 10;

    /// <summary>The guard's settings in a market of tick <paramref name="tick"/> (the widening is given in ticks).</summary>
    /// <exception cref="InvalidParameterException">A setting is out of range.</exception>
    public AdverseSelectionGuardSettings Settings(double tick) => new AdverseSelectionGuardSettings
    {
        Threshold = Threshold,
        Action = Action,
        Widening = InvalidParameterException.RequireNonNegative("guard-widen", WideningTicks) * tick,
        Cooldown = Cooldown,
    }.Validate();

    /// <summary>The market features the guard reads (the large-trade size).</summary>
    public MarketFeatureSettings Features() => new MarketFeatureSettings { LargeTradeSize = LargeTradeSize }.Validate();

    /// <summary>Checks the settings that do not depend on the market.</summary>
    public GuardSetup Validate()
    {
        Settings(1);
        Features();
        return this;
    }

    /// <summary><paramref name="strategy"/> wearing the guard with <paramref name="detector"/>.</summary>
    public IQuotingStrategy Wrap(IQuotingStrategy strategy, AdverseSelectionDetector? detector, double tick) =>
        new AdverseSelectionGuard(strategy, detector, Settings(tick), Features());

    /// <summary>The number of runs to train a detector on, checked.</summary>
    /// <exception cref="InvalidParameterException">Fewer than 2.</exception>
    public int CheckedTrainRuns() => TrainRuns >= 2 ? TrainRuns : throw new InvalidParameterException("guard-train-runs", "must be at least 2");
}
