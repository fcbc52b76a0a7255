using System.Diagnostics;
using MarketMaking.Venue.Faults;

namespace MarketMaking.Venue.Exchange;

/// <summary>
/// The venue's clocks: wall time (what Bybit's timestamps are), offset while a clock_skew fault is in
/// force, and market time, which runs <see cref="Speed"/> times faster from the moment the venue starts.
/// Every exchange timestamp is the wall time of its market time: ms = start + (market − market start) / speed.
/// </summary>
internal sealed class VenueClock
{
    private readonly long _startMs;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly double _marketStart;
    private readonly FaultInjector _faults;

    public VenueClock(double speed, double marketStart, FaultInjector faults)
    {
        Speed = speed;
        _marketStart = marketStart;
        _faults = faults;
        _startMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    }

    public double Speed { get; }

    /// <summary>Wall time since the venue started.</summary>
    public TimeSpan Elapsed => _watch.Elapsed;

    /// <summary>The exchange's time now, ms since the Unix epoch (skewed while clock_skew is in force).</summary>
    public long NowMs => _startMs + (long)_watch.Elapsed.TotalMilliseconds + SkewMs;

    /// <summary>The exchange's time now, ns since the Unix epoch.</summary>
    public long NowNanos => ((_startMs + SkewMs) * 1_000_000) + (long)(_watch.Elapsed.Ticks * 100);

    /// <summary>The market time the market should have reached by now.</summary>
    public double MarketTarget => _marketStart + (_watch.Elapsed.TotalSeconds * Speed);

    /// <summary>The exchange timestamp (ms) of market time <paramref name="marketTime"/>.</summary>
    public long MsAt(double marketTime) => _startMs + (long)((marketTime - _marketStart) / Speed * 1000) + SkewMs;

    private long SkewMs => _faults.InForce(FaultKind.ClockSkew) && _faults.Rule(FaultKind.ClockSkew) is { } rule ? (long)rule.Offset.TotalMilliseconds : 0;
}
