using MarketMaking.Core.Errors;
using MarketMaking.Simulation.Exchange;

namespace MarketMaking.Simulation.Replay;

/// <summary>How recorded data is replayed against our orders.</summary>
public sealed record ReplaySettings
{
    /// <summary>Estimates our place in queues we cannot see.</summary>
    public IQueueModel QueueModel { get; init; } = new RiskAverseQueueModel();

    /// <summary>Order entry and cancel latency.</summary>
    public ILatencyModel Latency { get; init; } = ConstantLatency.Zero;

    /// <summary>
    /// Nanoseconds between decision points: the market hands control back to the strategy at the
    /// first consistent book (end of an exchange message) at least this long after the last one,
    /// or at once after a fill. 0 decides after every message.
    /// </summary>
    public long RequoteInterval { get; init; } = 100_000_000;

    public ReplaySettings Validate()
    {
        ArgumentNullException.ThrowIfNull(QueueModel);
        ArgumentNullException.ThrowIfNull(Latency);
        if (RequoteInterval < 0)
        {
            throw new InvalidParameterException("requote_interval", $"must be zero or positive, got {RequoteInterval}");
        }

        return this;
    }
}
