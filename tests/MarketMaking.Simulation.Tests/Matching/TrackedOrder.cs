using MarketMaking.Core.Orders;

namespace MarketMaking.Simulation.Tests.Matching;

/// <summary>The audit's own copy of an order, with the sequence number of its place in the queue.</summary>
internal sealed class TrackedOrder(long id, int owner, Side side, long price, long remaining)
{
    public long Id { get; } = id;

    public int Owner { get; } = owner;

    public Side Side { get; } = side;

    public long Price { get; set; } = price;

    public long Remaining { get; set; } = remaining;

    public long Sequence { get; set; }
}
