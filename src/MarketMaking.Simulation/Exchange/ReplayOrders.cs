using System.Runtime.CompilerServices;
using MarketMaking.Core.Books;
using MarketMaking.Core.Orders;

namespace MarketMaking.Simulation.Exchange;

/// <summary>
/// Our orders resting or in flight in a replay exchange (<see cref="ShadowExchange"/>,
/// <see cref="QueueExchange"/>): an array that doubles when full (a long latency keeps many
/// cancelled orders travelling), so nothing allocates per event once it has its working size. Orders arrive and
/// cancels take effect at their exchange times; an arriving order that would cross the book is
/// refused (our quotes are post-only), one that rests is handed to the exchange to take its queue place.
/// </summary>
internal sealed class ReplayOrders
{
    private ReplayOrder[] _orders;

    // Exchange time of the earliest pending arrival or cancel: orders are only scanned then.
    private long _nextAction = long.MaxValue;

    /// <param name="capacity">Orders expected resting (or in flight) at once; more grow the array.</param>
    public ReplayOrders(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _orders = new ReplayOrder[capacity];
    }

    /// <summary>Takes a resting order's place in its queue.</summary>
    public delegate void JoinQueue(ref ReplayOrder order);

    public int Count { get; private set; }

    /// <summary>Orders refused on arrival because they would have crossed the book.</summary>
    public long CrossingRejects { get; private set; }

    /// <summary>The highest price (ticks) of our active bids; <see cref="long.MinValue"/> when none rests.</summary>
    public long BestActiveBid { get; private set; } = long.MinValue;

    /// <summary>The lowest price (ticks) of our active asks; <see cref="long.MaxValue"/> when none rests.</summary>
    public long BestActiveAsk { get; private set; } = long.MaxValue;

    public ref ReplayOrder this[int index] => ref _orders[index];

    public void Submit(long id, Side side, long priceTicks, double price, long lots, long activeFrom)
    {
        if (Count == _orders.Length)
        {
            Array.Resize(ref _orders, _orders.Length * 2);
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lots);
        _orders[Count++] = new ReplayOrder
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

    public int IndexOf(long id)
    {
        for (int i = 0; i < Count; i++)
        {
            if (_orders[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Lots left on the order; 0 when it is not here.</summary>
    public long RemainingLots(long id)
    {
        int i = IndexOf(id);
        return i >= 0 ? _orders[i].RemainingLots : 0;
    }

    /// <summary>Takes the order out at exchange time <paramref name="cancelAt"/> (a later cancel replaces an earlier one); false when it is not here.</summary>
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

    /// <summary>Lowers the order's size at once, keeping its queue place; an order reduced to nothing leaves. False when it is not here.</summary>
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

    /// <summary>
    /// Activates the orders that have reached the exchange by <paramref name="exchangeTime"/> (refused
    /// when they would cross <paramref name="book"/>, else placed by <paramref name="join"/>) and removes
    /// those whose cancel has; does nothing before the earliest pending arrival or cancel.
    /// </summary>
    // Called on every event and almost always with nothing due: the check is inlined into the caller.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AdvanceTo(long exchangeTime, OrderBook book, JoinQueue join, List<ShadowEvent> events)
    {
        if (exchangeTime >= _nextAction)
        {
            ApplyDue(exchangeTime, book, join, events);
        }
    }

    private void ApplyDue(long exchangeTime, OrderBook book, JoinQueue join, List<ShadowEvent> events)
    {
        for (int i = Count - 1; i >= 0; i--)
        {
            if (exchangeTime >= _orders[i].CancelAt)
            {
                events.Add(Event(ShadowEventKind.Cancelled, _orders[i], _orders[i].RemainingLots, 0, exchangeTime));
                RemoveAt(i);
            }
        }

        // Arrivals in the order they reached the exchange (then the order they were sent): in a real
        // queue that is their priority among themselves.
        for (int next = NextArrival(exchangeTime); next >= 0; next = NextArrival(exchangeTime))
        {
            Activate(ref _orders[next], next, exchangeTime, book, join, events);
        }

        _nextAction = long.MaxValue;
        for (int i = 0; i < Count; i++)
        {
            _nextAction = Math.Min(_nextAction, Math.Min(_orders[i].CancelAt, _orders[i].IsActive ? long.MaxValue : _orders[i].ActiveFrom));
        }
    }

    /// <summary>Fills order <paramref name="index"/> by <paramref name="lots"/>; a fully filled order leaves at once.</summary>
    public void Fill(int index, long lots, long exchangeTime, List<ShadowEvent> events)
    {
        ref ReplayOrder order = ref _orders[index];
        order.RemainingLots -= lots;
        events.Add(Event(ShadowEventKind.Filled, order, lots, Math.Max(order.RemainingLots, 0), exchangeTime));
        if (order.RemainingLots <= 0)
        {
            RemoveAt(index);
        }
    }

    /// <summary>The pending order that reached the exchange first by <paramref name="exchangeTime"/> (the earlier sent on a tie); −1 when none has.</summary>
    private int NextArrival(long exchangeTime)
    {
        int next = -1;
        for (int i = 0; i < Count; i++)
        {
            ref ReplayOrder order = ref _orders[i];
            if (!order.IsActive && order.ActiveFrom <= exchangeTime && (next < 0 || order.ActiveFrom < _orders[next].ActiveFrom))
            {
                next = i;
            }
        }

        return next;
    }

    private void Activate(ref ReplayOrder order, int index, long exchangeTime, OrderBook book, JoinQueue join, List<ShadowEvent> events)
    {
        BookLevel opposite = book.Best(order.Side.Opposite());
        bool crosses = !opposite.IsEmpty && (order.Side == Side.Buy ? order.PriceTicks >= opposite.Price : order.PriceTicks <= opposite.Price);
        if (crosses)
        {
            CrossingRejects++;
            events.Add(Event(ShadowEventKind.Rejected, order, order.RemainingLots, 0, exchangeTime));
            RemoveAt(index);
            return;
        }

        order.IsActive = true;
        UpdateBestActive();
        join(ref order);
        events.Add(Event(ShadowEventKind.Accepted, order, order.RemainingLots, order.RemainingLots, exchangeTime));
    }

    private static ShadowEvent Event(ShadowEventKind kind, in ReplayOrder order, long lots, long remaining, long exchangeTime) =>
        new(kind, order.Id, order.Side, order.PriceTicks, order.Price, lots, remaining, exchangeTime);

    // A plain loop: a handful of orders move, where Array.Copy's checks and call cost more than the copy.
    private void RemoveAt(int index)
    {
        ReplayOrder[] orders = _orders;
        int last = Count - 1;
        for (int i = index; i < last; i++)
        {
            orders[i] = orders[i + 1];
        }

        Count = last;
        UpdateBestActive();
    }

    // Orders become active or leave a few times per decision at most, events arrive far more often:
    // the exchanges test the touch of our orders once instead of scanning them at every event.
    private void UpdateBestActive()
    {
        long bid = long.MinValue, ask = long.MaxValue;
        for (int i = 0; i < Count; i++)
        {
            ref ReplayOrder order = ref _orders[i];
            if (order.IsActive)
            {
                if (order.Side == Side.Buy)
                {
                    bid = Math.Max(bid, order.PriceTicks);
                }
                else
                {
                    ask = Math.Min(ask, order.PriceTicks);
                }
            }
        }

        BestActiveBid = bid;
        BestActiveAsk = ask;
    }
}
