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
    private readonly QueueOrder[] _orders;
    private readonly bool _ownImpact;
    private int _orderCount;
    private long _nextAction = long.MaxValue;
    private bool _afterExecution;

    /// <param name="ownImpact">Whether our fills take size from the recorded executions.</param>
    /// <param name="capacity">Most of our orders resting (or in flight) at once.</param>
    public QueueExchange(bool ownImpact = false, int capacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _ownImpact = ownImpact;
        _orders = new QueueOrder[capacity];
        _book = new OrderQueueBook { SourceSizes = !ownImpact };
    }

    public OrderBook Book => _book.Levels;

    /// <summary>The order-by-order book, with our impact when it is on.</summary>
    public OrderQueueBook Queues => _book;

    public int OrderCount => _orderCount;

    public long CrossingRejects { get; private set; }

    public long ThroughFills { get; private set; }

    public long QueueFills { get; private set; }

    public long CrossFills { get; private set; }

    public long TapeLotsRemoved { get; private set; }

    public void Submit(long id, Side side, long priceTicks, double price, long lots, long activeFrom)
    {
        if (_orderCount == _orders.Length)
        {
            throw new InvalidOperationException($"at most {_orders.Length} of our orders can rest in a queue exchange");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lots);
        _orders[_orderCount++] = new QueueOrder
        {
            Id = id,
            Side = side,
            PriceTicks = priceTicks,
            Price = price,
            RemainingLots = lots,
            ActiveFrom = activeFrom,
            CancelAt = long.MaxValue,
        };
        _nextAction = Math.Min(_nextAction, activeFrom);
    }

    public bool Contains(long id) => IndexOf(id) >= 0;

    /// <summary>Lots resting ahead of our order in its queue; −1 when it is not resting.</summary>
    public long QueueAhead(long id)
    {
        int i = IndexOf(id);
        return i >= 0 && _orders[i].IsActive ? _book.VolumeAhead(_orders[i].Side, _orders[i].PriceTicks, _orders[i].Key) : -1;
    }

    /// <summary>Lots left on the order; 0 when it is not here.</summary>
    public long RemainingLots(long id)
    {
        int i = IndexOf(id);
        return i >= 0 ? _orders[i].RemainingLots : 0;
    }

    public bool Cancel(long id, long cancelAt)
    {
        int i = IndexOf(id);
        if (i < 0)
        {
            return false;
        }

        _orders[i].CancelAt = cancelAt;
        _nextAction = Math.Min(_nextAction, cancelAt);
        return true;
    }

    public bool Reduce(long id, long lots)
    {
        int i = IndexOf(id);
        if (i < 0)
        {
            return false;
        }

        _orders[i].RemainingLots = Math.Min(_orders[i].RemainingLots, lots);
        if (_orders[i].RemainingLots <= 0)
        {
            RemoveAt(i);
        }

        return true;
    }

    public void Apply(in MarketEvent e, List<ShadowEvent> events)
    {
        if (e.ExchangeTime >= _nextAction)
        {
            UpdateOrders(e.ExchangeTime, events);
        }

        bool afterExecution = _afterExecution;
        _afterExecution = false;
        switch (e.Kind)
        {
            case MarketEventKind.OrderAdd:
                long size = _orderCount > 0 ? OnAdd(e, events) : e.Size;
                if (size > 0)
                {
                    _book.Add(e.Id, e.Side, e.Price, size);
                }

                break;
            case MarketEventKind.OrderExecute:
                _afterExecution = true;
                long left = _orderCount > 0 ? OnExecution(e, events) : e.Size;
                if (left > 0)
                {
                    _book.Remove(e.Id, e.Side, e.Price, left, whole: false);
                }

                break;
            case MarketEventKind.Trade:
                // The Trade right after an execution is its echo for L2 readers; a lone one is a hidden execution.
                if (!afterExecution && _orderCount > 0)
                {
                    OnHiddenTrade(e, events);
                }

                break;
            default:
                _book.Apply(e);
                break;
        }
    }

    public void EndOfBatch(long exchangeTime, List<ShadowEvent> events)
    {
        // Every fill happens at the event that causes it: an order-by-order book needs no end-of-message check.
    }

    /// <summary>An order of the other side added at or through our price trades with us first; returns what is left of it to rest.</summary>
    private long OnAdd(in MarketEvent add, List<ShadowEvent> events)
    {
        long available = add.Size;
        for (int i = _orderCount - 1; i >= 0 && available > 0; i--)
        {
            ref QueueOrder order = ref _orders[i];
            bool crosses = order.IsActive && order.Side != add.Side &&
                (order.Side == Side.Buy ? add.Price <= order.PriceTicks : add.Price >= order.PriceTicks);
            if (crosses)
            {
                long lots = Math.Min(available, order.RemainingLots);
                available -= lots;
                CrossFills++;
                Take(lots);
                Fill(i, lots, add.ExchangeTime, events);
            }
        }

        return _ownImpact ? available : add.Size;
    }

    /// <summary>Fills our orders the execution reached; returns the size the recorded order still loses.</summary>
    private long OnExecution(in MarketEvent execution, List<ShadowEvent> events)
    {
        long executedKey = _book.TryGetOrder(execution.Id, out QueuedOrder executed) ? executed.Key : long.MinValue;
        long available = execution.Size;
        for (int i = _orderCount - 1; i >= 0 && available > 0; i--)
        {
            ref QueueOrder order = ref _orders[i];
            if (!order.IsActive || order.Side != execution.Side)
            {
                continue;
            }

            bool through = Better(order.Side, order.PriceTicks, execution.Price);
            bool behindUs = order.PriceTicks == execution.Price && executedKey > order.Key;
            if (through || behindUs)
            {
                long lots = Math.Min(available, order.RemainingLots);
                available -= lots;
                if (through)
                {
                    ThroughFills++;
                }
                else
                {
                    QueueFills++;
                }

                Take(lots);
                Fill(i, lots, execution.ExchangeTime, events);
            }
        }

        return _ownImpact ? available : execution.Size;
    }

    private void OnHiddenTrade(in MarketEvent trade, List<ShadowEvent> events)
    {
        Side passive = trade.Side.Opposite();
        long available = trade.Size;
        for (int i = _orderCount - 1; i >= 0 && available > 0; i--)
        {
            ref QueueOrder order = ref _orders[i];
            if (!order.IsActive || order.Side != passive)
            {
                continue;
            }

            bool through = Better(order.Side, order.PriceTicks, trade.Price);
            bool first = order.PriceTicks == trade.Price && _book.VolumeAhead(order.Side, order.PriceTicks, order.Key) == 0;
            if (through || first)
            {
                long lots = Math.Min(available, order.RemainingLots);
                available -= lots;
                if (through)
                {
                    ThroughFills++;
                }
                else
                {
                    QueueFills++;
                }

                Take(lots);
                Fill(i, lots, trade.ExchangeTime, events);
            }
        }
    }

    /// <summary>True when <paramref name="ours"/> is a strictly better price than <paramref name="traded"/> for an order on <paramref name="side"/>.</summary>
    private static bool Better(Side side, long ours, long traded) => side == Side.Buy ? ours > traded : ours < traded;

    private void Take(long lots)
    {
        if (_ownImpact)
        {
            TapeLotsRemoved += lots;
        }
    }

    private void UpdateOrders(long exchangeTime, List<ShadowEvent> events)
    {
        _nextAction = long.MaxValue;
        for (int i = _orderCount - 1; i >= 0; i--)
        {
            ref QueueOrder order = ref _orders[i];
            if (exchangeTime >= order.CancelAt)
            {
                events.Add(Event(ShadowEventKind.Cancelled, order, order.RemainingLots, 0, exchangeTime));
                RemoveAt(i);
                continue;
            }

            if (!order.IsActive)
            {
                if (exchangeTime >= order.ActiveFrom)
                {
                    Activate(ref order, i, exchangeTime, events);
                }
                else
                {
                    _nextAction = Math.Min(_nextAction, order.ActiveFrom);
                }
            }

            if (i < _orderCount && _orders[i].CancelAt != long.MaxValue)
            {
                _nextAction = Math.Min(_nextAction, _orders[i].CancelAt);
            }
        }
    }

    private void Activate(ref QueueOrder order, int index, long exchangeTime, List<ShadowEvent> events)
    {
        BookLevel opposite = _book.Best(order.Side.Opposite());
        bool crosses = !opposite.IsEmpty && (order.Side == Side.Buy ? order.PriceTicks >= opposite.Price : order.PriceTicks <= opposite.Price);
        if (crosses)
        {
            CrossingRejects++;
            events.Add(Event(ShadowEventKind.Rejected, order, order.RemainingLots, 0, exchangeTime));
            RemoveAt(index);
            return;
        }

        // The back of the real queue: every order resting now has a smaller key, every later one a larger.
        order.IsActive = true;
        order.Key = _book.NextKey();
        events.Add(Event(ShadowEventKind.Accepted, order, order.RemainingLots, order.RemainingLots, exchangeTime));
    }

    private void Fill(int index, long lots, long exchangeTime, List<ShadowEvent> events)
    {
        ref QueueOrder order = ref _orders[index];
        order.RemainingLots -= lots;
        events.Add(Event(ShadowEventKind.Filled, order, lots, Math.Max(order.RemainingLots, 0), exchangeTime));
        if (order.RemainingLots <= 0)
        {
            RemoveAt(index);
        }
    }

    private static ShadowEvent Event(ShadowEventKind kind, in QueueOrder order, long lots, long remaining, long exchangeTime) =>
        new(kind, order.Id, order.Side, order.PriceTicks, order.Price, lots, remaining, exchangeTime);

    private int IndexOf(long id)
    {
        for (int i = 0; i < _orderCount; i++)
        {
            if (_orders[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    private void RemoveAt(int index)
    {
        Array.Copy(_orders, index + 1, _orders, index, _orderCount - index - 1);
        _orderCount--;
    }

    private struct QueueOrder
    {
        public long Id;
        public Side Side;
        public long PriceTicks;
        public double Price;
        public long RemainingLots;
        public long ActiveFrom;
        public long CancelAt;
        public bool IsActive;
        public long Key;
    }
}
