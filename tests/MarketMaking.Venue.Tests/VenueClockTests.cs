using MarketMaking.Venue.Exchange;
using MarketMaking.Venue.Faults;

namespace MarketMaking.Venue.Tests;

/// <summary>The venue's timestamps round the wall time once, so they never trail the wall clock's milliseconds.</summary>
public sealed class VenueClockTests
{
    [Fact]
    public void MillisecondsRoundTheWallTimeOnceAndAgreeWithTheNanoseconds()
    {
        // Started 0.9 ms into a millisecond; 0.3 ms later the wall clock reads 1_700_000_000_001.2 ms.
        var time = new ManualTime(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000).AddTicks(9_000));
        var clock = new VenueClock(speed: 10, marketStart: 50, FaultInjector.None, time);
        time.Advance(TimeSpan.FromTicks(3_000));

        Assert.Equal(1_700_000_000_001, clock.NowMs); // truncating the start and the elapsed apart gave ...000
        Assert.Equal(1_700_000_000_001_200_000, clock.NowNanos);
        Assert.Equal(TimeSpan.FromTicks(3_000), clock.Elapsed);

        // Market time 50 + 0.0025 s at 10× is 0.25 ms of wall time after the start: ...000.9 + 0.25 = ...001.15 ms.
        Assert.Equal(1_700_000_000_001, clock.MsAt(50.0025));
        Assert.Equal(50 + (0.0003 * 10), clock.MarketTarget, 12);
    }

    /// <summary>Wall time and a timestamp that move only when told.</summary>
    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public override DateTimeOffset GetUtcNow() => start.AddTicks(_ticks);

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
