using MarketMaking.Core.Errors;
using MarketMaking.Simulation.Exchange;

namespace MarketMaking.Simulation.Replay;

/// <summary>How recorded data is replayed against our orders.</summary>
public sealed record ReplaySettings
{
    /// <summary>Estimates our place in queues we cannot see.</summary>
    public IQueueModel QueueModel { get; init; } = new RiskAverseQueueModel();

    /// <summary>
    /// Order-by-order data: our orders join the real queues (<see cref="QueueExchange"/>) and
    /// <see cref="QueueModel"/> is not used. The data must hold L3 events (LOBSTER, Databento MBO).
    /// </summary>
    public bool ExactQueues { get; init; }

    /// <summary>With <see cref="ExactQueues"/>: our fills take their size from the recorded executions (see <see cref="QueueExchange"/>).</summary>
    public bool OwnImpact { get; init; }

    /// <summary>Order entry and cancel latency.</summary>
    public ILatencyModel Latency { get; init; } = ConstantLatency.Zero;

    /// <summary>
    /// Nanoseconds between decision points: the market hands control back to the strategy at the
    /// first consistent book (end of an exchange message) at least this long after the last one,
    /// or at once after a fill. 0 decides after every message.
    /// </summary>
    public long RequoteInterval { get; init; } = 100_000_000;

    /// <summary>
    /// Nanoseconds of data replayed before the strategy starts (book and signals warm up; e.g.
    /// the window used to calibrate the strategy, so it never trades on data it was fitted to).
    /// </summary>
    public long StartAfter { get; init; }

    /// <summary>Maker fee rate charged on our fills, overriding the data's instrument (negative: rebate).</summary>
    public double? MakerFeeRate { get; init; }

    /// <summary>Taker fee rate, overriding the data's instrument.</summary>
    public double? TakerFeeRate { get; init; }

    /// <summary>Window of the realized volatility the strategy sees as <c>Volatility</c>.</summary>
    public TimeSpan VolatilityWindow { get; init; } = TimeSpan.FromSeconds(60);

    public ReplaySettings Validate()
    {
        ArgumentNullException.ThrowIfNull(QueueModel);
        ArgumentNullException.ThrowIfNull(Latency);
        if (RequoteInterval < 0)
        {
            throw new InvalidParameterException("requote_interval", $"must be zero or positive, got {RequoteInterval}");
        }

        if (StartAfter < 0)
        {
            throw new InvalidParameterException("start_after", $"must be zero or positive, got {StartAfter}");
        }

        InvalidParameterException.RequirePositive("volatility_window", VolatilityWindow.TotalSeconds);
        return this;
    }
}
