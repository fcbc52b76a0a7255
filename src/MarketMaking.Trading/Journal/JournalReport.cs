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
    /// earlier runs left, at its first mid, as the session's own ledger did, so its PnL counts from then
    /// on rather than from a flat book; its executions and adoptions change it as they change the
    /// journal's execution book (<see cref="JournalReader.PositionChanges"/>): a position adopted from the
    /// venue (--adopt-position) is taken at the adoption's price, after the executions journaled before
    /// it, whose cash is real. A run thus ends holding what the journal did then, with the PnL
    /// <c>mm journal … pnl</c> gives it.
    /// </summary>
    public static IReadOnlyList<RunResult> Rebuild(string path, MetricsOptions metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        IReadOnlyList<JournalRun> runs = JournalReader.Load(path).Runs;
        IReadOnlyList<JournalEvent> decisions = JournalReader.Events(path, "decision");
        IReadOnlyList<JournalPositionChange> changes = JournalReader.PositionChanges(path);
        var results = new List<RunResult>(runs.Count);
        decimal held = 0;
        foreach (JournalRun run in runs)
        {
            List<JournalPositionChange> own = [.. changes.Where(c => c.Run == run.Run)];
            // Time at the limit counts the limit the run's own metrics did (journaled: the binding one of --max-position and the strategy's).
            MetricsOptions options = metrics with { InventoryLimit = Math.Min(metrics.InventoryLimit, run.InventoryLimit) };
            results.Add(Rebuild($"run {run.Run}: {run.Strategy}", [.. decisions.Where(d => d.Run == run.Run)], own, held, options));
            held += own.Sum(c => c.Quantity);
        }

        return results;
    }

    private static RunResult Rebuild(string name, IReadOnlyList<JournalEvent> decisions, List<JournalPositionChange> changes, decimal start, MetricsOptions metrics)
    {
        var ledger = new Ledger();
        var collector = new MetricsCollector(metrics);
        var series = new SeriesRecorder(4000);
        List<JournalFill> fills = [.. changes.Select(c => c.Fill).OfType<JournalFill>()];
        int next = 0;
        double mid = double.NaN;
        double quoted = double.NaN;
        long origin = decisions.Count > 0 ? decisions[0].ExchangeTime - (long)(Time(decisions[0]) * 1e9) : fills.Count > 0 ? fills[0].ExchangeTime : 0;
        double opening = FirstMid(decisions);
        opening = double.IsNaN(opening) && fills.Count > 0 ? (double)fills[0].Price : opening;
        opening = double.IsNaN(opening) && changes.FirstOrDefault(c => c.Adoption?.Price is not null) is { } priced ? (double)priced.Adoption!.Price!.Value : opening;
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

            // Changes up to this decision, marked at the mid known before them.
            for (; next < changes.Count && Before(changes[next], decision); next++)
            {
                Apply(changes[next], origin, double.IsNaN(mid) ? decisionMid : mid, quoted, ledger, collector, series);
            }

            mid = decisionMid;
            quoted = ask - bid;
            collector.OnQuoted(quoted);
            double equity = ledger.Equity(mid);
            collector.OnMark(time, mid, equity, ledger.Position);
            series.Record(new SeriesPoint(time, mid, bid, ask, ledger.Position, equity));
        }

        for (; next < changes.Count; next++)
        {
            Apply(changes[next], origin, double.IsNaN(mid) && changes[next].Fill is { } fill ? (double)fill.Price : mid, quoted, ledger, collector, series);
        }

        // A run that never saw a mid nor traded (stopped before the book had both sides) is not marked: NaN.
        double last = double.IsNaN(mid) && fills.Count > 0 ? (double)fills[^1].Price : mid;
        return new RunResult(name, collector.Finish(ledger, last), ledger.RoundTrips, 0, 0, new Dictionary<Core.Risk.RejectReason, long>(), null, series);
    }

    /// <summary>Whether the change came before the decision: an execution by the venue's time, an adoption (the venue gives it no time) by the session's.</summary>
    private static bool Before(JournalPositionChange change, JournalEvent decision) =>
        change.Fill is { } fill ? fill.ExchangeTime <= decision.ExchangeTime : change.LocalTime <= decision.LocalTime;

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

    /// <summary>An execution is a fill; an adoption moves the position at its price, not as a fill.</summary>
    private static void Apply(JournalPositionChange change, long origin, double mid, double quoted, Ledger ledger, MetricsCollector collector, SeriesRecorder series)
    {
        if (change.TryAdopt(ledger, (change.LocalTime - origin) / 1e9))
        {
            return;
        }

        JournalFill f = change.Fill!;
        var fill = new Fill((f.ExchangeTime - origin) / 1e9, 0, f.Side, (double)f.Price, (double)f.Quantity, (double)f.Fee, f.IsMaker, mid);
        ledger.Apply(in fill);
        collector.OnFill(in fill, quoted);
        series.Record(in fill);
    }
}
