using System.Globalization;
using MarketMaking.Reporting;
using MarketMaking.Research.Reports;
using MarketMaking.Simulation.Hedging;

namespace MarketMaking.Research.Hedging;

/// <summary>The hedge's part of a report: per instrument and portfolio, the hedge's costs, hedged against unhedged, and every hedge.</summary>
public static class HedgeReport
{
    /// <summary>Most hedges listed one by one in the report (all are in metrics.json).</summary>
    public const int MaxListed = 500;

    /// <summary>One section per hedged run, labelled by strategy.</summary>
    public static ReportSection Section(string label, HedgeSummary h)
    {
        ArgumentNullException.ThrowIfNull(h);
        List<IReadOnlyList<string>> rows = [[h.QuotedSymbol + " (quoted)", Formats.Fixed(h.QuotedPnl, 4), Formats.Compact(h.QuotedFinalPosition), Formats.Fixed(h.QuotedMeanAbsExposure, 2)]];
        if (h.Legs.Count > 1)
        {
            rows.AddRange(h.Legs.Select(l => (IReadOnlyList<string>)[l.Symbol + " (hedge)", Formats.Fixed(l.Pnl, 4), Formats.Compact(l.FinalPosition), ""]));
            rows.Add(["hedges", Formats.Fixed(h.HedgePnl, 4), "", Formats.Fixed(h.HedgeMeanAbsExposure, 2)]);
        }
        else
        {
            rows.Add([h.HedgeSymbol + " (hedge)", Formats.Fixed(h.HedgePnl, 4), Formats.Compact(h.HedgeFinalPosition), Formats.Fixed(h.HedgeMeanAbsExposure, 2)]);
        }

        rows.Add(["portfolio", Formats.Fixed(h.PortfolioPnl, 4), "", ""]);
        var legs = new TableBlock(["", "net PnL", "final position", "mean |exposure|"], rows, "Each leg marked at its last mid; exposure in quote currency.");
        return new ReportSection($"Hedge ({label}, {h.Mode})", [legs, new KeyValueBlock(Lines(h)), Hedges(h)]);
    }

    /// <summary>The hedge's figures as (name, text), in report and terminal order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Lines(HedgeSummary h)
    {
        ArgumentNullException.ThrowIfNull(h);
        var c = CultureInfo.InvariantCulture;
        IEnumerable<KeyValuePair<string, string>> perLeg = h.Legs.Count < 2 ? [] : h.Legs.Select(l => new KeyValuePair<string, string>(
            $"{l.Symbol} leg PnL",
            string.Create(c, $"{l.Pnl:F4} = inventory {l.InventoryPnl:F4} − spread {l.SpreadCost:F4} − slippage {l.SlippageCost:F4} − delay {l.DelayCost:F4} − fees {l.Fees:F4}; {l.Hedges} hedges, median β {l.BetaMedian:G4}")));
        return
        [
            new("hedge leg PnL", string.Create(c, $"{h.HedgePnl:F4} = inventory {h.HedgeInventoryPnl:F4} − spread {h.HedgeSpreadCost:F4} − slippage {h.HedgeSlippageCost:F4} − delay {h.HedgeDelayCost:F4} − fees {h.HedgeFees:F4}")),
            .. perLeg,
            new("hedges", string.Create(c, $"{h.Hedges} executed of {h.Crossings} sent; {h.TravellingAtEnd} travelling at the end, {h.Unfilled} found an empty side")),
            new("hedge ratios used", h.Hedges == 0 ? "none" : string.Create(c, $"β first {h.BetaFirst:G4}, median {h.BetaMedian:G4}, last {h.BetaLast:G4}; mean standard error {h.BetaMeanError:G3}")),
            new("correlation of sampled returns", string.Create(c, $"{h.Correlation:G4}")),
            new("block PnL variance", string.Create(c, $"{h.Blocks} blocks of {h.BlockSeconds:G} s: hedged {h.HedgedBlockPnlVariance:G4}, unhedged {h.UnhedgedBlockPnlVariance:G4}, ratio {h.VarianceRatio:G4} {Interval(h.VarianceRatioLower, h.VarianceRatioUpper)}")),
            new("portfolio limits", string.Create(c, $"{h.PortfolioRefusals} orders refused; smallest scale min(1, σ_ref/σ_t) {h.SmallestLimitScale:G4}")),
            new("inventory risk (RMS q·ΔP per period)", string.Create(c, $"hedged {h.HedgedInventoryRisk:G4}, unhedged {h.UnhedgedInventoryRisk:G4}, ratio of squares {h.InventoryRiskRatio:G4} {Interval(h.InventoryRiskRatioLower, h.InventoryRiskRatioUpper)}")),
        ];
    }

    private static string Interval(double lower, double upper) => double.IsNaN(lower)
        ? $"(fewer than {PairedBlockBootstrap.MinBlocks} blocks: no interval)"
        : string.Create(CultureInfo.InvariantCulture, $"[{lower:G4}, {upper:G4}] (95%, paired block bootstrap)");

    private static TableBlock Hedges(HedgeSummary h) => new(
        ["decided (ns)", "side", "quantity", "avg price", "touch", "spread", "slippage", "delay", "fee", "β"],
        [.. h.Executions.Take(MaxListed).Select(e => (IReadOnlyList<string>)[
            e.DecidedAt.ToString(CultureInfo.InvariantCulture), e.Side.ToString(), Formats.Compact(e.Quantity), Formats.Compact(e.AveragePrice), Formats.Compact(e.Touch),
            Formats.Fixed(e.SpreadCost, 5), Formats.Fixed(e.SlippageCost, 5), Formats.Fixed(e.DelayCost, 5), Formats.Fixed(e.Fee, 5), Formats.Fixed(e.Beta, 4),
        ])],
        h.Executions.Count > MaxListed ? $"The first {MaxListed} of {h.Executions.Count} hedges (all are in metrics.json)." : "Every hedge, with its costs.");
}
