using MarketMaking.Core.Errors;

namespace MarketMaking.Research.Replay;

/// <summary>
/// How recorded L2 data is replayed against a strategy: queue model, latency, requote interval,
/// the calibration window at the start (never traded), fee overrides and the seed of random
/// latencies. The defaults are <c>mm backtest</c>'s. <see cref="ReplaySession.Open"/> turns it and a
/// data file into markets.
/// </summary>
public sealed record ReplaySetup
{
    /// <summary>
    /// Estimates our place in the queues we cannot see; null: none chosen (risk-averse when the replay
    /// uses a model). Exact queues read none, so a chosen one is refused there rather than ignored.
    /// </summary>
    public QueueModelSpec? QueueModel { get; init; }

    /// <summary>The queue model a replay through model queues uses: the one chosen, else risk-averse.</summary>
    public QueueModelSpec ModelQueues => QueueModel ?? QueueModelSpec.RiskAverse;

    /// <summary>
    /// True: our orders join the real queues of order-by-order data (no queue model); false: shadow
    /// queues with <see cref="QueueModel"/> on the data's L2 view; null (the default): exact exactly
    /// when the data is order by order.
    /// </summary>
    public bool? ExactQueues { get; init; }

    /// <summary>With exact queues (refused without them): our fills take their size from the recorded executions, and the run says how much of the tape changed.</summary>
    public bool OwnImpact { get; init; }

    /// <summary>Order entry and cancel latency.</summary>
    public LatencySpec Latency { get; init; } = LatencySpec.None;

    /// <summary>Least time between decisions (a fill triggers one at once).</summary>
    public TimeSpan RequoteInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Data at the start used to calibrate σ, A and κ and not traded (zero: no calibration, trade from the start).</summary>
    public TimeSpan CalibrationWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Maker fee rate overriding the data's instrument (negative: rebate); null keeps the instrument's.</summary>
    public double? MakerFeeRate { get; init; }

    /// <summary>Taker fee rate overriding the data's instrument; null keeps the instrument's.</summary>
    public double? TakerFeeRate { get; init; }

    /// <summary>Seed of random latencies (lognormal or recorded); each run starts from it.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Checks the settings; the parameter names of errors are the command line's.</summary>
    /// <exception cref="InvalidParameterException">A setting is out of range.</exception>
    public ReplaySetup Validate()
    {
        ArgumentNullException.ThrowIfNull(Latency);
        Latency.Validate();
        InvalidParameterException.RequireNonNegative("requote-interval", RequoteInterval.TotalSeconds);
        InvalidParameterException.RequireNonNegative("calibrate", CalibrationWindow.TotalSeconds);
        if (MakerFeeRate is { } maker)
        {
            InvalidParameterException.RequireFeeRate("maker-fee", maker, maker: true);
        }

        if (TakerFeeRate is { } taker)
        {
            InvalidParameterException.RequireFeeRate("taker-fee", taker, maker: false);
        }

        return this;
    }
}
