using System.Globalization;
using MarketMaking.Reporting;
using MarketMaking.Research.Reports;

namespace MarketMaking.Research.Arbitrage;

/// <summary>The arbitrage scan's part of a report: a row per ordered pair of venues, the takes, and the episodes.</summary>
public static class ArbitrageReport
{
    /// <summary>Most episodes listed one by one in the report (all are in metrics.json).</summary>
    public const int MaxListed = 500;

    /// <summary>Column names of <see cref="Rows"/>.</summary>
    public static IReadOnlyList<string> Headers { get; } =
        ["sell on", "buy on", "episodes", "time crossed (s)", "share", "median (ms)", "longest (ms)", "median edge (bp)", "best edge (bp)", "median size", "max size", "profit at openings"];

    /// <summary>One row per ordered pair, in <see cref="Headers"/> order.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Rows(ArbitrageSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return [.. summary.Pairs.Select(p => (IReadOnlyList<string>)[
            p.Sell, p.Buy, p.Episodes.ToString(CultureInfo.InvariantCulture), Formats.Fixed(p.Seconds, 3), Formats.Percent(p.ShareOfTime),
            Formats.Fixed(p.MedianSeconds * 1e3, 1), Formats.Fixed(p.MaxSeconds * 1e3, 1), Formats.Fixed(p.MedianEdgeBps, 2), Formats.Fixed(p.BestEdgeBps, 2),
            Formats.Compact(p.MedianSize), Formats.Compact(p.MaxSize), Formats.Fixed(p.ProfitAtOpenings, 4),
        ])];
    }

    /// <summary>The report section.</summary>
    public static ReportSection Section(ArbitrageSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var pairs = new TableBlock(Headers, Rows(summary),
            "An episode: selling at one venue's bid and buying at the other's ask earns after both taker fees, from the message that crossed them to the one that uncrossed them (receive clock). Edge bid·(1 − f)/(ask·(1 + f′)) − 1 at the touch; size in coins, walking both books while the marginal unit earns; profit in quote currency.");
        List<ReportBlock> blocks = [pairs, new KeyValueBlock(Lines(summary))];
        blocks.Add(new TableBlock(
            ["opened (ns)", "sell on", "buy on", "ms", "edge at start (bp)", "best edge (bp)", "size at start", "max size", "profit at start"],
            [.. summary.Episodes.Take(MaxListed).Select(e => (IReadOnlyList<string>)[
                e.Start.ToString(CultureInfo.InvariantCulture), summary.Venues[e.SellVenue], summary.Venues[e.BuyVenue], Formats.Fixed(e.Seconds * 1e3, 1) + (e.OpenAtEnd ? " (open at end)" : ""),
                Formats.Fixed(e.EdgeAtStart * 1e4, 2), Formats.Fixed(e.BestEdge * 1e4, 2), Formats.Compact(e.SizeAtStart), Formats.Compact(e.MaxSize), Formats.Fixed(e.ProfitAtStart, 4),
            ])],
            summary.Episodes.Count > MaxListed ? $"The first {MaxListed} of {summary.Episodes.Count} episodes (all are in metrics.json)." : "Every episode."));
        return new ReportSection("Cross-venue arbitrage", blocks);
    }

    /// <summary>The scan's and the takes' figures as (name, text), in report and terminal order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Lines(ArbitrageSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var c = CultureInfo.InvariantCulture;
        List<KeyValuePair<string, string>> lines =
        [
            new("venues", ArbitrageReplay.Describe(summary)),
            new("window", string.Create(c, $"{summary.WindowSeconds:F1} s, {summary.Events:N0} events")),
        ];
        if (summary.Taken is { } t)
        {
            lines.Add(new("takes", string.Create(c, $"{t.Sent} sent ({t.BothFilled} with both legs filled); {t.SkippedBusy} episodes skipped while a take travelled, {t.SkippedBelowLot} below a lot; {t.UnfilledLegs} legs found an empty side, {t.TravellingAtEnd} travelling at the end")));
            lines.Add(new("take edge", string.Create(c, $"expected at the touch {t.MeanExpectedEdgeBps:F2} bp, obtained {t.MeanRealizedEdgeBps:F2} bp (means over takes with both legs)")));
            lines.Add(new("take PnL", string.Create(c, $"{t.Pnl:F4} (legs marked at each venue's last mid) = locked {t.LockedPnl:F4} (q·(sell − buy) − fees on what both legs filled) + carried position {t.Pnl - t.LockedPnl:F4}; sold {t.Sold:G6}, bought {t.Bought:G6} coins; costs: spread {t.SpreadCost:F4}, slippage {t.SlippageCost:F4}, delay {t.DelayCost:F4}, fees {t.Fees:F4}")));
        }

        return lines;
    }
}
