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
        PairedDifference Paired(Func<RunMetrics, double> value) =>
            PairedDifference.Of([.. baseline.Runs.Select(r => value(r.Metrics))], [.. candidate.Runs.Select(r => value(r.Metrics))]);

        return new(
            baseline.Label,
            candidate.Label,
            Paired(m => m.NetPnl),
            Paired(m => m.NetPnl - penalty.Running(m.LongSquaredInventoryTime, m.ShortSquaredInventoryTime)),
            Paired(m => m.MeanAbsInventory));
    }

    /// <summary>The differences with their 95% intervals, in one line.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"mean PnL {Formats.WithSign(Pnl.Mean, 2)} (95% CI [{Pnl.Lower:F2}, {Pnl.Upper:F2}]){RiskAdjustedText}, mean |q| {Formats.WithSign(MeanAbsInventory.Mean, 2)} ([{MeanAbsInventory.Lower:F2}, {MeanAbsInventory.Upper:F2}])");

    private string RiskAdjustedText => RiskAdjustedPnl == Pnl
        ? string.Empty
        : string.Create(CultureInfo.InvariantCulture, $", risk-adjusted {Formats.WithSign(RiskAdjustedPnl.Mean, 2)} ([{RiskAdjustedPnl.Lower:F2}, {RiskAdjustedPnl.Upper:F2}])");
}
