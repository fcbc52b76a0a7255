using MarketMaking.Core.Books;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;

namespace MarketMaking.Simulation.Exchange;

/// <summary>
/// Our orders in the real queues of order-by-order (L3) data: no queue model. An order that reaches
/// the exchange joins the back of its level, behind every order resting there, and takes the next
/// priority key of the <see cref="OrderQueueBook"/>; orders added later are behind it. The queue ahead
/// shrinks only when the orders that were ahead are executed, cancelled or deleted, by their ids.
/// We fill when an execution reaches us: the execution of an order behind us at our price (the
/// aggressor would have met us first), an execution at a worse price than ours (it went through our
/// level), a hidden execution at a worse price, or at our price with nothing visible ahead of us
/// (displayed orders go before hidden ones), and an order of the other side added at or through our
/// price (it would have traded with us). Each fills us up to the size that traded.
/// <para>
/// Own impact (optional): what we took is taken from the tape — the execution that reached us is
/// shortened by our fill (the order keeps the rest), an order that would have crossed into us rests
/// with what is left — and <see cref="TapeLotsRemoved"/> counts it. It cannot model how others would
/// have reacted (orders never sent, cancels that would have come earlier), nor our orders pushing the
/// price: the rest of the tape still happens as recorded. Without it, the recorded executions all
/// happen as well as ours (a passive order that does not change what anyone else did).
/// </para>
/// An order that would cross the book when it arrives is refused (our quotes are post-only). Nothing
/// allocates per event.
/// </summary>
public sealed class QueueExchange : IReplayExchange
{
    private readonly OrderQueueBook _book;
    private readonly ReplayOrders _orders;
    private readonly ReplayOrders.JoinQueue _joinBack;
    private readonly bool _ownImpact;
    private bool _afterExecution;

    /// <param name="ownImpact">Whether our fills take size from the recorded executions.</param>
    /// <param name="capacity">Our orders expected resting (or in flight) at once; more grow the pool.</param>
    public QueueExchange(bool ownImpact = false, int capacity = 64)
    {
        _ownImpact = ownImpact;
        _orders = new ReplayOrders(capacity);
        _book = new OrderQueueBook { SourceSizes = !ownImpact };
        _joinBack = JoinBack;
    }

    public OrderBook Book => _book.Levels;

    /// <summary>The order-by-order book, with our impact when it is on.</summary>
    public OrderQueueBook Queues => _book;

    public int OrderCount => _orders.Count;

    public long CrossingRejects => _orders.CrossingRejects;

    public long ThroughFills { get; private set; }

    public long QueueFills { get; private set; }

    public long CrossFills { get; private set; }

    public long TapeLotsRemoved { get; private set; }

    public void Submit(long id, Side side, long priceTicks, double price, long lots, long activeFrom) =>
        _orders.Submit(id, side, priceTicks, price, lots, activeFrom);

    public bool Contains(long id) => _orders.IndexOf(id) >= 0;

    /// <summary>Lots resting ahead of our order in its queue; −1 when it is not resting.</summary>
    public long QueueAhead(long id)
    {
        int i = _orders.IndexOf(id);
        return i >= 0 && _orders[i].IsActive ? _book.VolumeAhead(_orders[i].Side, _orders[i].PriceTicks, _orders[i].Key) : -1;
    }

    /// <summary>Lots left on the order; 0 when it is not here.</summary>
    public long RemainingLots(long id) => _orders.RemainingLots(id);

    public bool Cancel(long id, long cancelAt) => _orders.Cancel(id, cancelAt);

    public bool Reduce(long id, long lots) => _orders.Reduce(id, lots);

    public void Apply(in MarketEvent e, List<ShadowEvent> events)
    {
        _orders.AdvanceTo(e.ExchangeTime, _book.Levels, _joinBack, events);
        bool afterExecution = _afterExecution;
        _afterExecution = false;
        switch (e.Kind)
        {
            case MarketEventKind.OrderAdd:
                // An order of the other side added at or through our price trades with us first; the rest rests.
                long size = MayReach(e.Side.Opposite(), e.Price) ? FillReached(e, long.MinValue, events) : e.Size;
                if (size > 0)
                {
                    _book.Add(e.Id, e.Side, e.Price, size);
                }

                break;
            case MarketEventKind.OrderExecute:
                _afterExecution = true;
                long left = e.Size;
                if (MayReach(e.Side, e.Price))
                {
                    long executedKey = _book.TryGetOrder(e.Id, out QueuedOrder executed) ? executed.Key : long.MinValue;
                    left = FillReached(e, executedKey, events);
                }

                if (left > 0)
                {
                    _book.Remove(e.Id, e.Side, e.Price, left, whole: false);
                }

                break;
            case MarketEventKind.Trade:
                // The Trade right after an execution is its echo for L2 readers; a lone one is a hidden execution.
                if (!afterExecution && MayReach(e.Side.Opposite(), e.Price))
                {
                    FillReached(e, long.MinValue, events);
                }

                break;
            case MarketEventKind.BookLevel when (e.Markers & EventMarkers.Snapshot) == 0:
                break; // the level an order event left, for L2 readers: the orders have made it already
            default:
                _book.Apply(e);
                break;
        }
    }

    public void EndOfBatch(long exchangeTime, List<ShadowEvent> events)
    {
        // Every fill happens at the event that causes it: an order-by-order book needs no end-of-message check.
    }

    /// <summary>
    /// Fills the orders of ours that <paramref name="e"/> reaches, in price-time priority (better price
    /// first, then the earlier key), up to its size; returns the size the recorded order keeps
    /// (all of it unless own impact is on). <paramref name="executedKey"/>: the executed order's key.
    /// </summary>
    private long FillReached(in MarketEvent e, long executedKey, List<ShadowEvent> events)
    {
        long available = e.Size;
        while (available > 0)
        {
            int next = -1;
            for (int i = 0; i < _orders.Count; i++)
            {
                ref ReplayOrder order = ref _orders[i];
                if (Reaches(e, order, executedKey) && (next < 0 || Ahead(order, _orders[next])))
                {
                    next = i;
                }
            }

            if (next < 0)
            {
                break;
            }

            if (e.Kind == MarketEventKind.OrderAdd)
            {
                CrossFills++;
            }
            else if (Better(_orders[next].Side, _orders[next].PriceTicks, e.Price))
            {
                ThroughFills++;
            }
            else
            {
                QueueFills++;
            }

            available -= Fill(next, available, e.ExchangeTime, events);
        }

        return _ownImpact ? available : e.Size;
    }

    /// <summary>
    /// Whether the event trades with our resting order: an add of the other side at or through our price;
    /// an execution at our side through our price, or at our price of an order behind us; a hidden
    /// execution through our price, or at our price with nothing visible ahead of us.
    /// </summary>
    private bool Reaches(in MarketEvent e, in ReplayOrder order, long executedKey)
    {
        if (!order.IsActive)
        {
            return false;
        }

        switch (e.Kind)
        {
            case MarketEventKind.OrderAdd:
                return order.Side != e.Side && (order.PriceTicks == e.Price || Better(e.Side, e.Price, order.PriceTicks));
            case MarketEventKind.OrderExecute:
                return order.Side == e.Side && (Better(order.Side, order.PriceTicks, e.Price) || (order.PriceTicks == e.Price && executedKey > order.Key));
            default:
                return order.Side == e.Side.Opposite() && (Better(order.Side, order.PriceTicks, e.Price)
                    || (order.PriceTicks == e.Price && _book.VolumeAhead(order.Side, order.PriceTicks, order.Key) == 0));
        }
    }

    /// <summary>
    /// False when no active order of ours on <paramref name="side"/> is at <paramref name="price"/> or
    /// better: then no event at that price can reach one (most events; the scan is skipped).
    /// </summary>
    private bool MayReach(Side side, long price) => side == Side.Buy ? _orders.BestActiveBid >= price : _orders.BestActiveAsk <= price;

    /// <summary>True when <paramref name="a"/> is ahead of <paramref name="b"/> (same side): a better price, or the same price and an earlier key.</summary>
    private static bool Ahead(in ReplayOrder a, in ReplayOrder b) =>
        Better(a.Side, a.PriceTicks, b.PriceTicks) || (a.PriceTicks == b.PriceTicks && a.Key < b.Key);

    /// <summary>True when <paramref name="price"/> is strictly better than <paramref name="than"/> for an order on <paramref name="side"/>.</summary>
    private static bool Better(Side side, long price, long than) => side == Side.Buy ? price > than : price < than;

    /// <summary>Fills order <paramref name="index"/> by as much of <paramref name="available"/> as it holds, counting what the tape loses; returns the lots filled.</summary>
    private long Fill(int index, long available, long exchangeTime, List<ShadowEvent> events)
    {
        long lots = Math.Min(available, _orders[index].RemainingLots);
        if (_ownImpact)
        {
            TapeLotsRemoved += lots;
        }

        _orders.Fill(index, lots, exchangeTime, events);
        return lots;
    }

    // The back of the real queue: every order resting now has a smaller key, every later one a larger.
    private void JoinBack(ref ReplayOrder order) => order.Key = _book.NextKey();
}
