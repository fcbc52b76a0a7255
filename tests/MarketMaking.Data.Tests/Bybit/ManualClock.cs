namespace MarketMaking.Data.Tests.Bybit;

/// <summary>A clock the test sets by hand (timers still run on real time).</summary>
internal sealed class ManualClock : TimeProvider
{
    public ManualClock(DateTimeOffset now)
    {
        Now = now;
    }

    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}
