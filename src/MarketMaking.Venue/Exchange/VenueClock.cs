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
    // In 100 ns ticks since the Unix epoch, rounded only when a timestamp is read, so the venue's
    // milliseconds never trail the wall clock's (two truncations would put them up to 2 ms behind).
    private readonly long _startTicks;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly double _marketStart;
    private readonly FaultInjector _faults;

    public VenueClock(double speed, double marketStart, FaultInjector faults)
    {
        Speed = speed;
        _marketStart = marketStart;
        _faults = faults;
        _startTicks = DateTimeOffset.UtcNow.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
    }

    public double Speed { get; }

    /// <summary>Wall time since the venue started.</summary>
    public TimeSpan Elapsed => _watch.Elapsed;

    /// <summary>The exchange's time now, ms since the Unix epoch (skewed while clock_skew is in force).</summary>
    public long NowMs => ((_startTicks + _watch.Elapsed.Ticks) / TimeSpan.TicksPerMillisecond) + SkewMs;

    /// <summary>The exchange's time now, ns since the Unix epoch.</summary>
    public long NowNanos => ((_startTicks + _watch.Elapsed.Ticks) * 100) + (SkewMs * 1_000_000);

    /// <summary>The market time the market should have reached by now.</summary>
    public double MarketTarget => _marketStart + (_watch.Elapsed.TotalSeconds * Speed);

    /// <summary>The exchange timestamp (ms) of market time <paramref name="marketTime"/>.</summary>
    public long MsAt(double marketTime) => ((_startTicks + (long)((marketTime - _marketStart) / Speed * TimeSpan.TicksPerSecond)) / TimeSpan.TicksPerMillisecond) + SkewMs;

    private long SkewMs => _faults.InForce(FaultKind.ClockSkew) && _faults.Rule(FaultKind.ClockSkew) is { } rule ? (long)rule.Offset.TotalMilliseconds : 0;
}
