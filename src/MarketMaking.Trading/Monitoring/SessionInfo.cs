using MarketMaking.Core.Risk;

namespace MarketMaking.Trading.Monitoring;

/// <summary>What does not change during a session: where it trades, its limits, the latency histogram's bucket bounds.</summary>
public sealed record SessionInfo
{
    public required string Venue { get; init; }

    public required string Symbol { get; init; }

    public required string Strategy { get; init; }

    public required string JournalPath { get; init; }

    public required RiskLimits Limits { get; init; }

    /// <summary>Client-side request limits per second, by endpoint name (create, amend, cancel, cancel_all).</summary>
    public required IReadOnlyDictionary<string, int> RateLimits { get; init; }

    /// <summary>Seconds without a book update after which every order is cancelled.</summary>
    public double StaleAfterSeconds { get; init; }

    /// <summary>Upper bounds (seconds) of the tick-to-order histogram's buckets; one more bucket holds the rest.</summary>
    public IReadOnlyList<double> LatencyBounds { get; init; } = SessionMonitor.LatencyBounds;
}
