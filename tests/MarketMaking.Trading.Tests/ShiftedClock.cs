namespace MarketMaking.Trading.Tests;

/// <summary>The system's clock moved on by what the test adds (timers still run on real time): time jumps without waiting for it.</summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}
