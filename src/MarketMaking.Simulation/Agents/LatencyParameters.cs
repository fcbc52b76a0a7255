using MarketMaking.Core.Errors;

namespace MarketMaking.Simulation.Agents;

/// <summary>
/// Our latencies (seconds): we see the book as it was Feed ago; an order sent now rests after
/// Entry, a cancel lands after Cancel. Jitter is the log-standard deviation of a lognormal around
/// each (0: constant). Samples, when given, replace Entry and Cancel: each order and cancel takes
/// a latency drawn from them (e.g. round trips measured on a live connection).
/// </summary>
public sealed record LatencyParameters
{
    public double Feed { get; init; } = 0.001;

    public double Entry { get; init; } = 0.001;

    public double Cancel { get; init; } = 0.001;

    public double Jitter { get; init; }

    /// <summary>Recorded order latencies (seconds) to draw from; empty: use Entry and Cancel.</summary>
    public double[] Samples { get; init; } = [];

    internal void Validate()
    {
        InvalidParameterException.RequireNonNegative("latency.feed", Feed);
        InvalidParameterException.RequireNonNegative("latency.entry", Entry);
        InvalidParameterException.RequireNonNegative("latency.cancel", Cancel);
        InvalidParameterException.RequireNonNegative("latency.jitter", Jitter);
        if (Samples.Any(x => !(x >= 0) || !double.IsFinite(x)))
        {
            throw new InvalidParameterException("latency.samples", "must be finite, non-negative seconds");
        }
    }
}
