using MarketMaking.Core.Accounting;
using MarketMaking.Core.Metrics;
using MarketMaking.Simulation.Engine;

namespace MarketMaking.Trading.Journal;

/// <summary>
/// A session drawn again from its journal alone (even after a crash): the decisions give the mid and
/// our quotes over time, the executions the fills, run through the ledger, the metrics and the series
/// recorder a backtest uses, so the report looks like a backtest's.
/// </summary>
public static class JournalReport
{
    /// <summary>
    /// One result per run of the journal (a restart is a run of its own, its decision times starting
    /// at 0 again), named "run N: strategy", in the order they ran. Each run starts holding what the
    /// journal held when it started — the position it adopted from the venue (--adopt-position), at the
    /// adoption's price, or the earlier runs' — as the session's own ledger did, so its PnL counts from
    /// then on rather than from a flat book.
    /// </summary>
    public static IReadOnlyList<RunResult> Rebuild(string path, MetricsOptions metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        IReadOnlyList<JournalRun> runs = JournalReader.Load(path).Runs;
        IReadOnlyList<JournalEvent> decisions = JournalReader.Events(path, "decision");
        IReadOnlyList<(long Row, JournalFill Fill)> fills = JournalReader.FillRows(path);
        IReadOnlyList<JournalAdoption> adoptions = JournalReader.Adoptions(path);
        var results = new List<RunResult>(runs.Count);
        decimal held = 0;
        foreach (JournalRun run in runs)
        {
            // An adoption replaces the position of every execution journaled before it (the start's reconciliation may have added some to this run).
            JournalAdoption? adopted = adoptions.LastOrDefault(a => a.Run == run.Run);
            List<JournalFill> own = [.. fills.Where(f => f.Fill.Run == run.Run && (adopted is null || f.Row > adopted.LastFill)).Select(f => f.Fill)];
            decimal start = adopted?.Position ?? held;
            results.Add(Rebuild($"run {run.Run}: {run.Strategy}", [.. decisions.Where(d => d.Run == run.Run)], own, start, adopted?.Price, metrics));
            held = start + own.Sum(f => f.Side == Core.Orders.Side.Buy ? f.Quantity : -f.Quantity);
        }

        return results;
    }

    private static RunResult Rebuild(string name, IReadOnlyList<JournalEvent> decisions, List<JournalFill> fills, decimal start, decimal? price, MetricsOptions metrics)
    {
        var ledger = new Ledger();
        var collector = new MetricsCollector(metrics);
        var series = new SeriesRecorder(4000);
        int next = 0;
        double mid = double.NaN;
        double quoted = double.NaN;
        long origin = decisions.Count > 0 ? decisions[0].ExchangeTime - (long)(Time(decisions[0]) * 1e9) : fills.Count > 0 ? fills[0].ExchangeTime : 0;
        double opening = price is { } adoptedAt ? (double)adoptedAt : FirstMid(decisions);
        opening = double.IsNaN(opening) && fills.Count > 0 ? (double)fills[0].Price : opening;
        if (start != 0 && double.IsFinite(opening))
        {
            // Held from the start, bought at that price: not a fill (no fee, no turnover).
            ledger.OpenPosition((double)start, opening, decisions.Count > 0 ? Time(decisions[0]) : 0);
        }

        foreach (JournalEvent decision in decisions)
        {
            if (!DecisionText.TryParse(decision.Detail, out double time, out double decisionMid, out _, out double bid, out double ask))
            {
                continue;
            }

            // Fills up to this decision, marked at the mid known before them.
            for (; next < fills.Count && fills[next].ExchangeTime <= decision.ExchangeTime; next++)
            {
                Apply(fills[next], origin, double.IsNaN(mid) ? decisionMid : mid, quoted, ledger, collector, series);
            }

            mid = decisionMid;
            quoted = ask - bid;
            collector.OnQuoted(quoted);
            double equity = ledger.Equity(mid);
            collector.OnMark(time, mid, equity, ledger.Position);
            series.Record(new SeriesPoint(time, mid, bid, ask, ledger.Position, equity));
        }

        for (; next < fills.Count; next++)
        {
            Apply(fills[next], origin, double.IsNaN(mid) ? (double)fills[next].Price : mid, quoted, ledger, collector, series);
        }

        // A run that never saw a mid nor traded (stopped before the book had both sides) is not marked: NaN.
        double last = double.IsNaN(mid) && fills.Count > 0 ? (double)fills[^1].Price : mid;
        return new RunResult(name, collector.Finish(ledger, last), ledger.RoundTrips, 0, 0, new Dictionary<Core.Risk.RejectReason, long>(), null, series);
    }

    /// <summary>The mid of the first decision that has one; NaN when none does.</summary>
    private static double FirstMid(IReadOnlyList<JournalEvent> decisions)
    {
        foreach (JournalEvent decision in decisions)
        {
            if (DecisionText.TryParse(decision.Detail, out _, out double mid, out _, out _, out _))
            {
                return mid;
            }
        }

        return double.NaN;
    }

    private static double Time(JournalEvent decision) =>
        DecisionText.TryParse(decision.Detail, out double time, out _, out _, out _, out _) ? time : 0;

    private static void Apply(JournalFill f, long origin, double mid, double quoted, Ledger ledger, MetricsCollector collector, SeriesRecorder series)
    {
        var fill = new Fill((f.ExchangeTime - origin) / 1e9, 0, f.Side, (double)f.Price, (double)f.Quantity, (double)f.Fee, f.IsMaker, mid);
        ledger.Apply(in fill);
        collector.OnFill(in fill, quoted);
        series.Record(in fill);
    }
}
