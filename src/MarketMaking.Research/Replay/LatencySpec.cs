using System.Globalization;
using MarketMaking.Core.Errors;
using MarketMaking.Simulation.Exchange;

namespace MarketMaking.Research.Replay;

/// <summary>
/// How our orders are delayed in a replay, as settings: constant entry and cancel latencies, a
/// lognormal latency around a median, or latencies drawn from the data's own receive delays.
/// <see cref="Create"/> builds a fresh seeded <see cref="ILatencyModel"/> for each run.
/// </summary>
public sealed record LatencySpec
{
    /// <summary>No latency: orders reach the book at once.</summary>
    public static LatencySpec None { get; } = new();

    /// <summary>Latencies drawn from the data's own receive delays (see <see cref="ReplaySession.RecordedLatencies"/>).</summary>
    public static LatencySpec FromRecording { get; } = new() { Recorded = true };

    /// <summary>Order entry latency; the median when <see cref="Jitter"/> is positive.</summary>
    public TimeSpan Entry { get; init; }

    /// <summary>Cancel latency; null: the same as <see cref="Entry"/>.</summary>
    public TimeSpan? Cancel { get; init; }

    /// <summary>Log-standard deviation of a lognormal latency around <see cref="Entry"/> (0: constant).</summary>
    public double Jitter { get; init; }

    /// <summary>Whether latencies are drawn from the data's own receive delays instead.</summary>
    public bool Recorded { get; init; }

    /// <summary>A constant entry latency, and a cancel latency (the entry latency when not given).</summary>
    public static LatencySpec Constant(TimeSpan entry, TimeSpan? cancel = null) => new() { Entry = entry, Cancel = cancel };

    /// <summary>Checks the settings; the parameter names of errors are the command line's.</summary>
    /// <exception cref="InvalidParameterException">A latency is negative, or the jitter is.</exception>
    public LatencySpec Validate()
    {
        InvalidParameterException.RequireNonNegative("latency", Entry.TotalSeconds);
        InvalidParameterException.RequireNonNegative("cancel-latency", (Cancel ?? Entry).TotalSeconds);
        InvalidParameterException.RequireNonNegative("latency-jitter", Jitter);
        return this;
    }

    /// <summary>
    /// A new latency model drawing with <paramref name="seed"/>: from <paramref name="recorded"/>
    /// (nanoseconds) when <see cref="Recorded"/>, lognormal when jittered (cancels drawn like
    /// entries), else constant.
    /// </summary>
    public ILatencyModel Create(int seed, IReadOnlyList<long> recorded) => this switch
    {
        { Recorded: true } => new EmpiricalLatency(recorded, seed),
        { Jitter: > 0 } when Entry > TimeSpan.Zero => new LognormalLatency(Durations.Nanoseconds(Entry), Jitter, seed),
        _ => new ConstantLatency(Durations.Nanoseconds(Entry), Durations.Nanoseconds(Cancel ?? Entry)),
    };

    /// <summary>The latency in one line, e.g. "5ms entry, 5ms cancel"; recorded latencies are summarized from <paramref name="recorded"/> (ns).</summary>
    public string Describe(IReadOnlyList<long> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return Recorded
            ? string.Create(CultureInfo.InvariantCulture, $"recorded: {recorded.Count:N0} receive delays of the data above the fastest, median {recorded.Order().ElementAt(recorded.Count / 2) / 1e6:G4} ms")
            : $"{Durations.Format(Entry)} entry, {Durations.Format(Cancel ?? Entry)} cancel{(Jitter > 0 ? string.Create(CultureInfo.InvariantCulture, $", lognormal log-std {Jitter}") : string.Empty)}";
    }
}
