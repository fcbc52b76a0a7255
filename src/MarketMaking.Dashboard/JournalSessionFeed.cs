using MarketMaking.Core.Accounting;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Risk;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Monitoring;

namespace MarketMaking.Dashboard;

/// <summary>
/// A finished session read from its journal (<c>mm dashboard SESSION.db</c>): one point per decision
/// (mid, our quotes, the position and PnL parts from the journal's position changes up to it — its
/// executions, and the positions adopted from the venue at their price, as <c>mm journal … pnl</c>
/// counts them — run through the backtests' ledger), every execution, the audit trail's notable events, and totals (executions,
/// position, cash, fees) from the journal's execution book, so they are <c>mm journal</c>'s to the last
/// decimal. The journal keeps neither the market's best bid and ask nor tick-to-order times: those
/// charts stay empty. No actions: the session is over.
/// </summary>
public sealed class JournalSessionFeed : ISessionFeed
{
    /// <summary>Journal event kinds the event log shows (decisions, requests, replies and order changes are too many: see mm journal events).</summary>
    private static readonly HashSet<string> Logged = new(StringComparer.Ordinal) { "start", "fault", "kill", "stop", "stream-up", "stream-down", "reconciled", "fresh", "pause", "resume", "adopted", "adopted-position", "unknown-order", "flatten", "fill", "failed", "venue-lost", "venue-unreachable", "venue-back" };

    private JournalSessionFeed(SessionInfo info, DashboardHistory history)
    {
        Info = info;
        Recorded = history;
    }

    public bool IsLive => false;

    public SessionInfo? Info { get; }

    public SessionSnapshot? Latest => Recorded.Latest;

    public DashboardHistory Recorded { get; }

    DashboardHistory? ISessionFeed.Recorded => Recorded;

    /// <summary>Reads <paramref name="path"/> (a missing file or one that is not a journal: a TradingException).</summary>
    public static JournalSessionFeed Load(string path)
    {
        JournalState state = JournalReader.Load(path);
        IReadOnlyList<JournalEvent> events = JournalReader.Events(path);
        IReadOnlyList<JournalFill> fills = state.Fills;
        IReadOnlyList<JournalPositionChange> changes = JournalReader.PositionChanges(path);
        JournalRun? last = state.Runs.Count > 0 ? state.Runs[^1] : null;
        var info = new SessionInfo
        {
            Venue = last?.Venue ?? "",
            Symbol = last?.Symbol ?? "",
            Strategy = last?.Strategy ?? "",
            JournalPath = Path.GetFullPath(path),
            Limits = RiskLimits.None,
            RateLimits = new Dictionary<string, int>(),
        };

        var ledger = new Ledger();
        var points = new List<HistoryPoint>();
        var log = new List<MonitorEvent>();
        var faults = new Dictionary<string, int>(StringComparer.Ordinal);
        var requests = new Dictionary<string, long>(StringComparer.Ordinal) { ["create"] = 0, ["amend"] = 0, ["cancel"] = 0, ["cancel_all"] = 0 };
        long decisions = 0;
        int next = 0;
        int filled = 0;
        double mid = double.NaN;
        double spread = 0;
        string? killReason = null;
        long lastTime = 0;
        foreach (JournalEvent e in events)
        {
            lastTime = Math.Max(lastTime, e.LocalTime);
            switch (e.Kind)
            {
                case "decision" when DecisionText.TryParse(e.Detail, out _, out double decisionMid, out _, out double bid, out double ask):
                    // The changes up to this decision, marked at the mid known before them.
                    for (; next < changes.Count && changes[next].LocalTime <= e.LocalTime; next++)
                    {
                        spread += Apply(changes[next], double.IsNaN(mid) ? decisionMid : mid, ledger, ref filled);
                    }

                    mid = decisionMid;
                    decisions++;
                    points.Add(Point(e.LocalTime, mid, bid, ask, ledger, spread, filled, requests));
                    break;
                case "request":
                    string kind = e.Detail.StartsWith("cancel-all", StringComparison.Ordinal) ? "cancel_all" : e.Detail.Split(' ', 2)[0];
                    if (requests.TryGetValue(kind, out long sent))
                    {
                        requests[kind] = sent + 1;
                    }

                    break;
                case "fault":
                    string fault = e.Detail.Split(':', 2)[0];
                    faults[fault] = faults.GetValueOrDefault(fault) + 1;
                    log.Add(new MonitorEvent(log.Count + 1, e.LocalTime, fault, e.Detail.Length > fault.Length + 2 ? e.Detail[(fault.Length + 2)..] : ""));
                    break;
                case "kill":
                    killReason = e.Detail;
                    log.Add(new MonitorEvent(log.Count + 1, e.LocalTime, e.Kind, e.Detail));
                    break;
                default:
                    if (Logged.Contains(e.Kind))
                    {
                        log.Add(new MonitorEvent(log.Count + 1, e.LocalTime, e.Kind, e.Detail));
                    }

                    break;
            }
        }

        for (; next < changes.Count; next++)
        {
            spread += Apply(changes[next], double.IsNaN(mid) && changes[next].Fill is { } fill ? (double)fill.Price : mid, ledger, ref filled);
        }

        if (double.IsNaN(mid) && fills.Count > 0)
        {
            mid = (double)fills[^1].Price;
        }

        if (state.UnpricedAdoptionText is { } unpriced)
        {
            // Its ledger leaves that position out, as mm journal … pnl does: the page says so rather than a silent 0.
            log.Add(new MonitorEvent(log.Count + 1, lastTime, "unpriced-adoption", unpriced));
        }

        double unrealized = double.IsFinite(mid) ? ledger.UnrealizedPnl(mid) : 0;
        var final = new SessionSnapshot
        {
            Sequence = 1,
            Time = lastTime,
            Phase = "ended",
            Killed = killReason is not null,
            KillReason = killReason,
            Mid = mid,
            Position = state.Book.Position,
            Cash = state.Book.Cash,
            Fees = state.Book.Fees,
            Executions = state.Book.Count,
            RealizedPnl = ledger.RealizedPnl,
            UnrealizedPnl = unrealized,
            FeesPaid = ledger.FeesPaid,
            Rebates = ledger.RebatesReceived,
            NetPnl = ledger.RealizedPnl + unrealized - ledger.FeesPaid + ledger.RebatesReceived,
            SpreadCaptured = spread,
            Decisions = decisions,
            OpenOrders = state.OpenOrders.Count,
            Requests = requests,
            Faults = faults,
            LatencyBuckets = new long[SessionMonitor.LatencyBounds.Count + 1],
        };
        if (points.Count > 0 || fills.Count > 0)
        {
            points.Add(Point(lastTime, mid, double.NaN, double.NaN, ledger, spread, fills.Count, requests));
        }

        MonitorFill[] monitorFills = [.. fills.Select((f, i) => new MonitorFill(i + 1, f.LocalTime, f.Side, (double)f.Price, (double)f.Quantity, (double)f.Fee, f.IsMaker, double.NaN))];
        return new JournalSessionFeed(info, new DashboardHistory(Thin(points), monitorFills, log, final));
    }

    public long ReadLatencies(long from, ICollection<double> seconds) => from;

    public void PauseQuoting() => throw new InvalidOperationException("a finished session cannot be paused");

    public void ResumeQuoting() => throw new InvalidOperationException("a finished session cannot be resumed");

    public void Kill(string reason) => throw new InvalidOperationException("a finished session cannot be killed");

    /// <summary>
    /// Counts one change in the ledger; returns the spread an execution captured against
    /// <paramref name="mid"/>. An adoption moves the position at its price: not a fill.
    /// </summary>
    private static double Apply(JournalPositionChange change, double mid, Ledger ledger, ref int filled)
    {
        if (change.TryAdopt(ledger, change.LocalTime / 1e9))
        {
            return 0;
        }

        JournalFill f = change.Fill!;
        filled++;
        var fill = new Fill(f.LocalTime / 1e9, 0, f.Side, (double)f.Price, (double)f.Quantity, (double)f.Fee, f.IsMaker, mid);
        ledger.Apply(in fill);
        return f.Side.Sign() * (mid - (double)f.Price) * (double)f.Quantity;
    }

    private static HistoryPoint Point(long time, double mid, double bid, double ask, Ledger ledger, double spread, int fills, Dictionary<string, long> requests)
    {
        double unrealized = double.IsFinite(mid) ? ledger.UnrealizedPnl(mid) : 0;
        return new HistoryPoint(
            time / 1e9, mid, double.NaN, double.NaN, bid, ask, ledger.Position, ledger.RealizedPnl, unrealized, ledger.FeesPaid, ledger.RebatesReceived,
            ledger.RealizedPnl + unrealized - ledger.FeesPaid + ledger.RebatesReceived, spread, fills, requests["create"], requests["amend"], requests["cancel"] + requests["cancel_all"]);
    }

    /// <summary>At most the live history's length (an hour of decisions): every k-th point, the last one always kept.</summary>
    private static List<HistoryPoint> Thin(List<HistoryPoint> points)
    {
        if (points.Count <= DashboardHistory.MaxPoints)
        {
            return points;
        }

        int step = (int)Math.Ceiling(points.Count / (double)DashboardHistory.MaxPoints);
        var kept = new List<HistoryPoint>();
        for (int i = 0; i < points.Count; i += step)
        {
            kept.Add(points[i]);
        }

        if (!ReferenceEquals(kept[^1], points[^1]))
        {
            kept.Add(points[^1]);
        }

        return kept;
    }
}
