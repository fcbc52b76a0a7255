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
    /// at 0 again), named "run N: strategy", in the order they ran.
    /// </summary>
    public static IReadOnlyList<RunResult> Rebuild(string path, MetricsOptions metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        IReadOnlyList<JournalRun> runs = JournalReader.Load(path).Runs;
        IReadOnlyList<JournalEvent> decisions = JournalReader.Events(path, "decision");
        IReadOnlyList<JournalFill> fills = JournalReader.Fills(path);
        return [.. runs.Select(r => Rebuild($"run {r.Run}: {r.Strategy}", [.. decisions.Where(d => d.Run == r.Run)], [.. fills.Where(f => f.Run == r.Run)], metrics))];
    }

    private static RunResult Rebuild(string name, IReadOnlyList<JournalEvent> decisions, IReadOnlyList<JournalFill> fills, MetricsOptions metrics)
    {
        var ledger = new Ledger();
        var collector = new MetricsCollector(metrics);
        var series = new SeriesRecorder(4000);
        int next = 0;
        double mid = double.NaN;
        double quoted = double.NaN;
        long origin = decisions.Count > 0 ? decisions[0].ExchangeTime - (long)(Time(decisions[0]) * 1e9) : fills.Count > 0 ? fills[0].ExchangeTime : 0;
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
