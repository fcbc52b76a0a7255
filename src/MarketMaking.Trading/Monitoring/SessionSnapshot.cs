namespace MarketMaking.Trading.Monitoring;

/// <summary>
/// The session as it stood at one moment, immutable: published by the session's thread at most every
/// 100 ms and read by anyone (the dashboard, /metrics). Money from the execution book is decimal (the
/// venue's figures); PnL parts come from the strategy's ledger (double, as in backtests).
/// </summary>
public sealed record SessionSnapshot
{
    /// <summary>1 for the first snapshot, then one more for each.</summary>
    public long Sequence { get; init; }

    /// <summary>Local time (Unix ns).</summary>
    public long Time { get; init; }

    /// <summary>starting, running, stopping or ended.</summary>
    public string Phase { get; init; } = "starting";

    public bool Quoting { get; init; }

    public bool Paused { get; init; }

    public bool Stale { get; init; }

    public bool PrivateStreamUp { get; init; }

    public bool Killed { get; init; }

    public string? KillReason { get; init; }

    /// <summary>Local time (Unix ns) of the last book update; 0 before the first.</summary>
    public long LastBookUpdate { get; init; }

    public double Mid { get; init; } = double.NaN;

    public double MarketBid { get; init; } = double.NaN;

    public double MarketAsk { get; init; } = double.NaN;

    public double OurBid { get; init; } = double.NaN;

    public double OurAsk { get; init; } = double.NaN;

    public decimal Position { get; init; }

    public decimal Cash { get; init; }

    public decimal Fees { get; init; }

    public int Executions { get; init; }

    public double RealizedPnl { get; init; }

    public double UnrealizedPnl { get; init; }

    public double FeesPaid { get; init; }

    public double Rebates { get; init; }

    public double NetPnl { get; init; }

    /// <summary>Σ side·(mid − price)·qty over the fills: what the spread paid us against the mid at the fill.</summary>
    public double SpreadCaptured { get; init; }

    public long Decisions { get; init; }

    public int OpenOrders { get; init; }

    /// <summary>Requests sent, by endpoint (create, amend, cancel, cancel_all).</summary>
    public IReadOnlyDictionary<string, long> Requests { get; init; } = new Dictionary<string, long>();

    /// <summary>Orders refused, by reason: the venue's code and message, or the risk gate's reason (risk:PositionLimit…).</summary>
    public IReadOnlyDictionary<string, long> Rejects { get; init; } = new Dictionary<string, long>();

    /// <summary>Faults the session noticed and handled, by kind (market-gap, stream-down, stale-data…).</summary>
    public IReadOnlyDictionary<string, int> Faults { get; init; } = new Dictionary<string, int>();

    /// <summary>Tick-to-order samples per bucket of <see cref="SessionInfo.LatencyBounds"/> (one more for the rest).</summary>
    public IReadOnlyList<long> LatencyBuckets { get; init; } = [];

    public long LatencyCount { get; init; }

    public double LatencySumSeconds { get; init; }

    /// <summary>The latest fills (up to <see cref="SessionMonitor.Recent"/>), oldest first.</summary>
    public IReadOnlyList<MonitorFill> RecentFills { get; init; } = [];

    /// <summary>The latest events (up to <see cref="SessionMonitor.Recent"/>), oldest first.</summary>
    public IReadOnlyList<MonitorEvent> RecentEvents { get; init; } = [];
}
