using System.Globalization;
using MarketMaking.Simulation.Agents;
using MarketMaking.Simulation.MonteCarlo;

namespace MarketMaking.Cli.Output;

/// <summary>A strategy against the first one of a comparison, seed by seed: PnL and inventory risk.</summary>
internal sealed record PairedComparison(string Baseline, string Candidate, PairedDifference Pnl, PairedDifference MeanAbsInventory)
{
    public static PairedComparison Of(AgentMarketEvaluation baseline, AgentMarketEvaluation candidate) => new(
        baseline.Label,
        candidate.Label,
        PairedDifference.Of([.. baseline.Runs.Select(r => r.Metrics.NetPnl)], [.. candidate.Runs.Select(r => r.Metrics.NetPnl)]),
        PairedDifference.Of([.. baseline.Runs.Select(r => r.Metrics.MeanAbsInventory)], [.. candidate.Runs.Select(r => r.Metrics.MeanAbsInventory)]));

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"mean PnL {Formats.Signed(Pnl.Mean, 2)} (95% CI [{Pnl.Lower:F2}, {Pnl.Upper:F2}]), mean |q| {Formats.Signed(MeanAbsInventory.Mean, 2)} ([{MeanAbsInventory.Lower:F2}, {MeanAbsInventory.Upper:F2}])");
}
