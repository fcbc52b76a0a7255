using MarketMaking.Core.Orders;

namespace MarketMaking.Simulation.Exchange;

/// <summary>One of our orders in a shadow exchange, which the market data cannot see.</summary>
internal struct ShadowOrder
{
    public long Id;
    public Side Side;
    public long PriceTicks;
    public double Price;
    public long RemainingLots;

    /// <summary>Exchange time from which it rests in the book (decision time + entry latency).</summary>
    public long ActiveFrom;

    /// <summary>Exchange time at which a cancel takes effect; long.MaxValue while none is pending.</summary>
    public long CancelAt;

    public bool IsActive;
    public QueuePosition Queue;
}
