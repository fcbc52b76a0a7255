using MarketMaking.Core.Books;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;

namespace MarketMaking.Simulation.Exchange;

/// <summary>
/// Where a replay's orders rest beside the recorded market: shadow queues estimated by a queue model
/// on L2 data (<see cref="ShadowExchange"/>), or the real queues of order-by-order data
/// (<see cref="QueueExchange"/>). Fed with market events and order commands stamped with the exchange
/// time they take effect, it reports every change to our orders as a <see cref="ShadowEvent"/>.
/// </summary>
public interface IReplayExchange
{
    /// <summary>The aggregated book rebuilt from the market events.</summary>
    OrderBook Book { get; }

    /// <summary>Our orders resting or in flight.</summary>
    int OrderCount { get; }

    /// <summary>Orders refused on arrival because they would have crossed the book.</summary>
    long CrossingRejects { get; }

    /// <summary>Fills by a trade at a worse price than ours.</summary>
    long ThroughFills { get; }

    /// <summary>Fills by trades at our price that reached our place in the queue.</summary>
    long QueueFills { get; }

    /// <summary>Fills by the other side of the book reaching our price.</summary>
    long CrossFills { get; }

    /// <summary>Lots of the recorded tape our fills took away from the orders that really traded (0 unless own impact is on).</summary>
    long TapeLotsRemoved { get; }

    /// <summary>Sends an order that rests from exchange time <paramref name="activeFrom"/>; <paramref name="id"/> must be unique among ours.</summary>
    void Submit(long id, Side side, long priceTicks, double price, long lots, long activeFrom);

    /// <summary>True while the order rests or is in flight.</summary>
    bool Contains(long id);

    /// <summary>Takes the order out at exchange time <paramref name="cancelAt"/>; false when it is not here.</summary>
    bool Cancel(long id, long cancelAt);

    /// <summary>Lowers the order's size at once, keeping its queue place; false when it is not here.</summary>
    bool Reduce(long id, long lots);

    /// <summary>One market event: pending orders and cancels take effect first, then the event moves the book and our orders.</summary>
    void Apply(in MarketEvent e, List<ShadowEvent> events);

    /// <summary>The end of an exchange message (a consistent book).</summary>
    void EndOfBatch(long exchangeTime, List<ShadowEvent> events);
}
