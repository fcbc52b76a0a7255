using MarketMaking.Core.Orders;

namespace MarketMaking.Simulation.Exchange;

/// <summary>One of our orders in a replay exchange, which the market data cannot see.</summary>
internal struct ReplayOrder
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

    /// <summary>The estimated queue ahead (<see cref="ShadowExchange"/>, L2 data).</summary>
    public QueuePosition Queue;

    /// <summary>The priority key in the real queue (<see cref="QueueExchange"/>, L3 data).</summary>
    public long Key;
}
