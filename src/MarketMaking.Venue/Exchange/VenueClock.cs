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
    private readonly long _startTimestamp;
    private readonly TimeProvider _time;
    private readonly double _marketStart;
    private readonly FaultInjector _faults;

    /// <param name="time">Wall time and the elapsed time since the start; null: the system's.</param>
    public VenueClock(double speed, double marketStart, FaultInjector faults, TimeProvider? time = null)
    {
        Speed = speed;
        _marketStart = marketStart;
        _faults = faults;
        _time = time ?? TimeProvider.System;
        _startTimestamp = _time.GetTimestamp();
        _startTicks = _time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
    }

    public double Speed { get; }

    /// <summary>Wall time since the venue started.</summary>
    public TimeSpan Elapsed => _time.GetElapsedTime(_startTimestamp);

    /// <summary>The exchange's time now, ms since the Unix epoch (skewed while clock_skew is in force).</summary>
    public long NowMs => (NowTicks / TimeSpan.TicksPerMillisecond) + SkewMs;

    /// <summary>The exchange's time now, ns since the Unix epoch.</summary>
    public long NowNanos => (NowTicks * 100) + (SkewMs * 1_000_000);

    /// <summary>The market time the market should have reached by now.</summary>
    public double MarketTarget => _marketStart + (Elapsed.TotalSeconds * Speed);

    /// <summary>The exchange timestamp (ms) of market time <paramref name="marketTime"/>.</summary>
    public long MsAt(double marketTime) => ((_startTicks + (long)((marketTime - _marketStart) / Speed * TimeSpan.TicksPerSecond)) / TimeSpan.TicksPerMillisecond) + SkewMs;

    /// <summary>Unskewed wall time now, 100 ns ticks since the Unix epoch.</summary>
    private long NowTicks => _startTicks + Elapsed.Ticks;

    private long SkewMs => _faults.InForce(FaultKind.ClockSkew) && _faults.Rule(FaultKind.ClockSkew) is { } rule ? (long)rule.Offset.TotalMilliseconds : 0;
}
