using MarketMaking.Core.Accounting;
using MarketMaking.Core.Metrics;
using MarketMaking.Core.Risk;

namespace MarketMaking.Simulation.Engine;

/// <summary>Everything one event-driven run produced.</summary>
public sealed record RunResult(
    string Strategy,
    RunMetrics Metrics,
    RoundTripStatistics RoundTrips,
    long OrdersCancelled,
    long OrdersReduced,
    IReadOnlyDictionary<RejectReason, long> Rejections,
    string? KillReason,
    SeriesRecorder? Series);
