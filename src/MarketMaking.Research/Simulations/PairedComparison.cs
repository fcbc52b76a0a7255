using System.Globalization;
using MarketMaking.Core.Accounting;
using MarketMaking.Core.Metrics;
using MarketMaking.Research.Reports;
using MarketMaking.Simulation.Agents;
using MarketMaking.Simulation.MonteCarlo;

namespace MarketMaking.Research.Simulations;

/// <summary>
/// A strategy against another, seed by seed: PnL, risk-adjusted PnL (PnL − ∫λq²dt with the run's
/// inventory penalty; equal to PnL without one) and inventory.
/// </summary>
public sealed record PairedComparison(string Baseline, string Candidate, PairedDifference Pnl, PairedDifference RiskAdjustedPnl, PairedDifference MeanAbsInventory)
{
    /// <summary><paramref name="candidate"/> − <paramref name="baseline"/> over their paired runs (the same seeds in the same order).</summary>
    public static PairedComparison Of(AgentMarketEvaluation baseline, AgentMarketEvaluation candidate, InventoryPenalty penalty = default)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        return Of(baseline.Label, [.. baseline.Runs.Select(r => r.Metrics)], candidate.Label, [.. candidate.Runs.Select(r => r.Metrics)], penalty);
    }

    /// <summary><paramref name="candidate"/> − <paramref name="baseline"/> over paired runs (the same seeds, or the same blocks of data, in the same order).</summary>
    public static PairedComparison Of(string baselineLabel, IReadOnlyList<RunMetrics> baseline, string candidateLabel, IReadOnlyList<RunMetrics> candidate, InventoryPenalty penalty = default)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        PairedDifference Paired(Func<RunMetrics, double> value) =>
            PairedDifference.Of([.. baseline.Select(value)], [.. candidate.Select(value)]);

        return new(
            baselineLabel,
            candidateLabel,
            Paired(m => m.NetPnl),
            Paired(m => RiskAdjusted(m, penalty)),
            Paired(m => m.MeanAbsInventory));
    }

    /// <summary>PnL − ∫λq²dt of a run with <paramref name="penalty"/>.</summary>
    public static double RiskAdjusted(RunMetrics metrics, InventoryPenalty penalty)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return metrics.NetPnl - penalty.Running(metrics.LongSquaredInventoryTime, metrics.ShortSquaredInventoryTime);
    }

    /// <summary>The differences with their 95% intervals, in one line; one pair has no interval (it printed [NaN, NaN]).</summary>
    public string Describe() => !Pnl.HasInterval
        ? string.Create(
            CultureInfo.InvariantCulture,
            $"mean PnL {Formats.WithSign(Pnl.Mean, 2)}{RiskAdjustedText}, mean |q| {Formats.WithSign(MeanAbsInventory.Mean, 2)} ({PairedDifference.NoInterval})")
        : string.Create(
            CultureInfo.InvariantCulture,
            $"mean PnL {Formats.WithSign(Pnl.Mean, 2)} (95% CI {Interval(Pnl)}){RiskAdjustedText}, mean |q| {Formats.WithSign(MeanAbsInventory.Mean, 2)} ({Interval(MeanAbsInventory)})");

    private string RiskAdjustedText => RiskAdjustedPnl == Pnl
        ? string.Empty
        : !Pnl.HasInterval
            ? string.Create(CultureInfo.InvariantCulture, $", risk-adjusted {Formats.WithSign(RiskAdjustedPnl.Mean, 2)}")
            : string.Create(CultureInfo.InvariantCulture, $", risk-adjusted {Formats.WithSign(RiskAdjustedPnl.Mean, 2)} ({Interval(RiskAdjustedPnl)})");

    private static string Interval(PairedDifference d) => string.Create(CultureInfo.InvariantCulture, $"[{d.Lower:F2}, {d.Upper:F2}]");
}
