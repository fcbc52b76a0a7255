using System.Runtime.CompilerServices;
using MarketMaking.Core.Books;
using MarketMaking.Core.Collections;
using MarketMaking.Core.Orders;

namespace MarketMaking.Simulation.Matching;

/// <summary>
/// An order-by-order (L3) book with price-time priority, in integer ticks and lots. Every request
/// appends its outcome to a caller-owned <see cref="MatchingEventBuffer"/>: an acknowledgement or a
/// rejection, then trades, cancellations and one L2 book change per level it touched. Invalid
/// requests are rejected with a reason and counted, never thrown. Orders live in a pooled array with
/// a free list, each level's queue is an intrusive FIFO through that array, each order knows its
/// level's pool slot (a cancel searches nothing), ids map to slots through an open-addressing table,
/// and all of them grow by doubling, so steady-state processing allocates nothing. It is also the
/// aggregated <see cref="IOrderBookView"/> of itself, read without copying.
/// </summary>
/// <remarks>
/// Ids are chosen by the caller and must be unique among resting orders (a new order reusing a live
/// id is rejected; an id may be reused once its order has left the book). Queue priority is arrival
/// order at the engine; an amend that changes the price or increases the size sends the order to
/// the back, a pure size decrease keeps its place. Self-trade prevention follows
/// <see cref="SelfTradePrevention"/>. Not thread-safe: one engine per thread.
/// </remarks>
public sealed class MatchingEngine : IOrderBookView
{
    private readonly LevelSide _bids;
    private readonly LevelSide _asks;
    private readonly LongMap<int> _ids;
    private readonly long[] _rejections = new long[Enum.GetValues<OrderRejectReason>().Length];
    private OrderSlot[] _orders;
    private int _used;
    private int _freeHead = -1;

    public MatchingEngine(SelfTradePrevention selfTradePrevention = SelfTradePrevention.CancelResting, int initialOrderCapacity = 1024, int initialLevelCapacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialOrderCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialLevelCapacity, 1);
        if (!Enum.IsDefined(selfTradePrevention))
        {
            throw new ArgumentOutOfRangeException(nameof(selfTradePrevention), selfTradePrevention, "unknown self-trade prevention policy");
        }

        SelfTradePrevention = selfTradePrevention;
        _bids = new LevelSide(isBid: true, initialLevelCapacity);
        _asks = new LevelSide(isBid: false, initialLevelCapacity);
        _ids = new LongMap<int>(initialOrderCapacity);
        _orders = new OrderSlot[initialOrderCapacity];
    }

    public SelfTradePrevention SelfTradePrevention { get; }

    /// <summary>Number of resting orders on both sides.</summary>
    public int OrderCount => _ids.Count;

    /// <summary>Requests rejected since construction (or <see cref="Clear"/>), all reasons.</summary>
    public long TotalRejections { get; private set; }

    /// <summary>Requests rejected for one reason since construction (or <see cref="Clear"/>).</summary>
    public long Rejections(OrderRejectReason reason) =>
        (uint)reason < (uint)_rejections.Length ? _rejections[(int)reason] : 0;

    public int LevelCount(Side side) => Of(side).Count;

    public BookLevel Level(Side side, int index)
    {
        LevelSide book = Of(side);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)book.Count, nameof(index));
        ref PriceLevel level = ref book.Pool[book.SlotAt(book.Count - 1 - index)];
        return new BookLevel(book.Sign * level.Key, level.Size);
    }

    public BookLevel Best(Side side)
    {
        LevelSide book = Of(side);
        if (book.Count == 0)
        {
            return default;
        }

        ref PriceLevel level = ref book.Pool[book.SlotAt(book.Count - 1)];
        return new BookLevel(book.Sign * level.Key, level.Size);
    }

    public long SizeAt(Side side, long price)
    {
        LevelSide book = Of(side);
        int index = book.Find(book.Sign * price);
        return index >= 0 ? book.Pool[book.SlotAt(index)].Size : 0;
    }

    /// <summary>Number of orders resting at a price on a side (0 when there is no level there).</summary>
    public int OrderCountAt(Side side, long price)
    {
        LevelSide book = Of(side);
        int index = book.Find(book.Sign * price);
        return index >= 0 ? book.Pool[book.SlotAt(index)].Count : 0;
    }

    /// <summary>Number of orders in level <paramref name="index"/> of a side (0 = best).</summary>
    public int LevelOrderCount(Side side, int index)
    {
        LevelSide book = Of(side);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)book.Count, nameof(index));
        return book.Pool[book.SlotAt(book.Count - 1 - index)].Count;
    }

    /// <summary>Total size in the best <paramref name="levels"/> non-empty levels of a side.</summary>
    public long DepthWithin(Side side, int levels)
    {
        LevelSide book = Of(side);
        int stop = Math.Max(0, book.Count - Math.Max(0, levels));
        long depth = 0;
        for (int i = book.Count - 1; i >= stop; i--)
        {
            depth += book.Pool[book.SlotAt(i)].Size;
        }

        return depth;
    }

    /// <summary>The resting order with this id, if there is one.</summary>
    public bool TryGetOrder(long orderId, out RestingOrder order)
    {
        int slot = SlotOf(orderId);
        if (slot < 0)
        {
            order = default;
            return false;
        }

        ref OrderSlot o = ref _orders[slot];
        order = new RestingOrder(o.Id, o.Owner, o.Side, o.Price, o.Remaining, o.Time, o.PostOnly);
        return true;
    }

    /// <summary>
    /// Exact queue position of a resting order: the size and number of orders ahead of it at its
    /// level (what must trade or cancel before it fills). Walks the level's FIFO up to the order.
    /// </summary>
    public bool TryGetQueuePosition(long orderId, out long sizeAhead, out int ordersAhead)
    {
        sizeAhead = 0;
        ordersAhead = 0;
        int slot = SlotOf(orderId);
        if (slot < 0)
        {
            return false;
        }

        for (int o = _orders[slot].Prev; o >= 0; o = _orders[o].Prev)
        {
            sizeAhead += _orders[o].Remaining;
            ordersAhead++;
        }

        return true;
    }

    /// <summary>Processes a new order; returns why it was rejected, or None when accepted.</summary>
    public OrderRejectReason Submit(in OrderRequest order, MatchingEventBuffer events)
    {
        ArgumentNullException.ThrowIfNull(events);
        OrderRejectReason reason = Validate(in order);
        if (reason != OrderRejectReason.None)
        {
            return Reject(order.Id, order.Owner, order.Side, order.Price, order.Size, order.Time, reason, events);
        }

        // Keys are +price for bids and -price for asks, so an opposite level crosses when its key
        // is at least -(the incoming key); a market order crosses everything.
        bool isMarket = order.Type == OrderType.Market;
        long price = isMarket ? 0 : order.Price;
        long threshold = isMarket ? -long.MaxValue : -KeyOf(order.Side, price);
        LevelSide opposite = Opposite(order.Side);
        if (order.Type == OrderType.PostOnly && Crosses(opposite, threshold))
        {
            return Reject(order.Id, order.Owner, order.Side, order.Price, order.Size, order.Time, OrderRejectReason.PostOnlyWouldCross, events);
        }

        if (order.Type == OrderType.FillOrKill && !CanFill(opposite, order.Owner, threshold, order.Size))
        {
            return Reject(order.Id, order.Owner, order.Side, order.Price, order.Size, order.Time, OrderRejectReason.FillOrKillNotFillable, events);
        }

        events.Add(new MatchingEvent
        {
            Kind = MatchingEventKind.Accepted,
            Side = order.Side,
            OrderId = order.Id,
            Owner = order.Owner,
            Price = price,
            Size = order.Size,
            Time = order.Time,
        });
        bool rests = order.Type is OrderType.Limit or OrderType.PostOnly;
        Enter(order.Id, order.Owner, order.Side, price, order.Size, order.Time, threshold, rests, order.Type == OrderType.PostOnly, events);
        return OrderRejectReason.None;
    }

    /// <summary>Cancels a resting order; returns UnknownOrder when no order with that id rests.</summary>
    public OrderRejectReason Cancel(long orderId, long time, MatchingEventBuffer events)
    {
        ArgumentNullException.ThrowIfNull(events);
        int slot = SlotOf(orderId);
        if (slot < 0)
        {
            return Reject(orderId, 0, Side.Buy, 0, 0, time, OrderRejectReason.UnknownOrder, events);
        }

        ref OrderSlot o = ref _orders[slot];
        events.Add(new MatchingEvent
        {
            Kind = MatchingEventKind.Cancelled,
            Side = o.Side,
            OrderId = o.Id,
            Owner = o.Owner,
            Price = o.Price,
            Size = o.Remaining,
            Time = time,
            CancelReason = CancelReason.Requested,
        });
        Remove(slot, time, events);
        return OrderRejectReason.None;
    }

    /// <summary>
    /// Changes a resting order's price and/or remaining size. A pure size decrease keeps the order's
    /// place; a size increase sends it to the back of its level; a price change re-enters it at the
    /// back of the new level, trading first if the new price crosses (a post-only order is rejected
    /// instead and keeps its old price and place).
    /// </summary>
    public OrderRejectReason Amend(long orderId, long newPrice, long newSize, long time, MatchingEventBuffer events)
    {
        ArgumentNullException.ThrowIfNull(events);
        int slot = SlotOf(orderId);
        if (slot < 0)
        {
            return Reject(orderId, 0, Side.Buy, newPrice, newSize, time, OrderRejectReason.UnknownOrder, events);
        }

        ref OrderSlot o = ref _orders[slot];
        OrderRejectReason reason =
            newPrice <= 0 ? OrderRejectReason.NonPositivePrice
            : newSize <= 0 ? OrderRejectReason.NonPositiveSize
            : newPrice != o.Price && o.PostOnly && Crosses(Opposite(o.Side), -KeyOf(o.Side, newPrice)) ? OrderRejectReason.PostOnlyWouldCross
            : OrderRejectReason.None;
        if (reason != OrderRejectReason.None)
        {
            return Reject(orderId, o.Owner, o.Side, newPrice, newSize, time, reason, events);
        }

        bool keepsPriority = newPrice == o.Price && newSize <= o.Remaining;
        events.Add(new MatchingEvent
        {
            Kind = MatchingEventKind.Amended,
            Side = o.Side,
            OrderId = o.Id,
            Owner = o.Owner,
            Price = newPrice,
            Size = newSize,
            Time = time,
            KeptPriority = keepsPriority,
        });

        if (newPrice != o.Price)
        {
            (long id, int owner, Side side, bool postOnly) = (o.Id, o.Owner, o.Side, o.PostOnly);
            Remove(slot, time, events);
            Enter(id, owner, side, newPrice, newSize, time, -KeyOf(side, newPrice), rests: true, postOnly, events);
            return OrderRejectReason.None;
        }

        ref PriceLevel level = ref Of(o.Side).Pool[o.Level];
        if (!keepsPriority)
        {
            Unlink(ref level, slot);
            Append(ref level, slot);
            o.Time = time;
        }

        if (newSize != o.Remaining)
        {
            level.Size += newSize - o.Remaining;
            o.Remaining = newSize;
            AddBookChange(o.Side, o.Price, level.Size, time, events);
        }

        return OrderRejectReason.None;
    }

    /// <summary>Empties the book and resets the counters, keeping the capacity already allocated.</summary>
    public void Clear()
    {
        _bids.Clear();
        _asks.Clear();
        _ids.Clear();
        _used = 0;
        _freeHead = -1;
        Array.Clear(_rejections);
        TotalRejections = 0;
    }

    /// <summary>Counts and reports a request refused before it reached the book (e.g. off the grid).</summary>
    internal OrderRejectReason Reject(long orderId, int owner, Side side, long price, long size, long time, OrderRejectReason reason, MatchingEventBuffer events)
    {
        _rejections[(int)reason]++;
        TotalRejections++;
        events.Add(new MatchingEvent
        {
            Kind = MatchingEventKind.Rejected,
            Side = side,
            OrderId = orderId,
            Owner = owner,
            Price = price,
            Size = size,
            Time = time,
            RejectReason = reason,
        });
        return reason;
    }

    private static long KeyOf(Side side, long price) => side == Side.Buy ? price : -price;

    private static bool Crosses(LevelSide opposite, long threshold) =>
        opposite.Count > 0 && opposite.KeyAt(opposite.Count - 1) >= threshold;

    private static void AddBookChange(Side side, long price, long size, long time, MatchingEventBuffer events) =>
        events.Add(new MatchingEvent { Kind = MatchingEventKind.BookChange, Side = side, Price = price, Size = size, Time = time });

    private OrderRejectReason Validate(in OrderRequest order)
    {
        if ((uint)order.Side > (uint)Side.Sell)
        {
            return OrderRejectReason.InvalidSide;
        }

        if ((uint)order.Type > (uint)OrderType.PostOnly)
        {
            return OrderRejectReason.InvalidOrderType;
        }

        if (order.Type != OrderType.Market && order.Price <= 0)
        {
            return OrderRejectReason.NonPositivePrice;
        }

        if (order.Size <= 0)
        {
            return OrderRejectReason.NonPositiveSize;
        }

        return _ids.ContainsKey(order.Id) ? OrderRejectReason.DuplicateOrderId : OrderRejectReason.None;
    }

    private LevelSide Of(Side side) => side == Side.Buy ? _bids : _asks;

    private LevelSide Opposite(Side side) => side == Side.Buy ? _asks : _bids;

    /// <summary>Matches an accepted order, then rests or cancels what is left of it.</summary>
    private void Enter(long id, int owner, Side side, long price, long size, long time, long threshold, bool rests, bool postOnly, MatchingEventBuffer events)
    {
        long remaining = Match(id, owner, side, threshold, size, time, events, out bool selfTradeStop);
        if (remaining == 0)
        {
            return;
        }

        if (rests && !selfTradeStop)
        {
            Rest(id, owner, side, price, remaining, time, postOnly, events);
            return;
        }

        events.Add(new MatchingEvent
        {
            Kind = MatchingEventKind.Cancelled,
            Side = side,
            OrderId = id,
            Owner = owner,
            Price = price,
            Size = remaining,
            Time = time,
            CancelReason = selfTradeStop ? CancelReason.SelfTradePrevention : CancelReason.Unfilled,
        });
    }

    /// <summary>
    /// Trades an incoming order against the opposite side, best level first and FIFO within a
    /// level, while levels cross the threshold key. Returns the size left over.
    /// </summary>
    private long Match(long takerId, int takerOwner, Side takerSide, long threshold, long quantity, long time, MatchingEventBuffer events, out bool selfTradeStop)
    {
        selfTradeStop = false;
        LevelSide book = Opposite(takerSide);
        Side makerSide = takerSide.Opposite();
        bool preventSelfTrade = SelfTradePrevention != SelfTradePrevention.None;
        OrderSlot[] orders = _orders;
        while (quantity > 0 && book.Count > 0)
        {
            ref PriceLevel level = ref book.Pool[book.SlotAt(book.Count - 1)];
            if (level.Key < threshold)
            {
                break;
            }

            long price = book.Sign * level.Key;
            long sizeBefore = level.Size;
            int o = level.Head;
            while (o >= 0 && quantity > 0)
            {
                ref OrderSlot maker = ref orders[o];
                int next = maker.Next;
                long size;
                if (preventSelfTrade && maker.Owner == takerOwner)
                {
                    if (SelfTradePrevention == SelfTradePrevention.CancelIncoming)
                    {
                        selfTradeStop = true;
                        break;
                    }

                    size = maker.Remaining;
                    events.Add(new MatchingEvent
                    {
                        Kind = MatchingEventKind.Cancelled,
                        Side = makerSide,
                        OrderId = maker.Id,
                        Owner = maker.Owner,
                        Price = price,
                        Size = size,
                        Time = time,
                        CancelReason = CancelReason.SelfTradePrevention,
                    });
                }
                else
                {
                    size = Math.Min(quantity, maker.Remaining);
                    quantity -= size;
                    events.Add(new MatchingEvent
                    {
                        Kind = MatchingEventKind.Trade,
                        Side = takerSide,
                        OrderId = takerId,
                        Owner = takerOwner,
                        MakerOrderId = maker.Id,
                        MakerOwner = maker.Owner,
                        Price = price,
                        Size = size,
                        Time = time,
                    });
                }

                maker.Remaining -= size;
                level.Size -= size;
                if (maker.Remaining == 0)
                {
                    // The head leaves the FIFO.
                    level.Head = next;
                    level.Count--;
                    if (next >= 0)
                    {
                        orders[next].Prev = -1;
                    }
                    else
                    {
                        level.Tail = -1;
                    }

                    _ids.Remove(maker.Id);
                    Free(o);
                }

                o = next;
            }

            if (level.Size != sizeBefore)
            {
                AddBookChange(makerSide, price, level.Size, time, events);
            }

            if (level.Count > 0)
            {
                break;
            }

            book.CloseBest();
        }

        return quantity;
    }

    /// <summary>
    /// Whether a fill-or-kill order would fill in full, counting the liquidity that self-trade
    /// prevention leaves it: same-owner orders are skipped (cancel resting) or end the walk
    /// (cancel incoming).
    /// </summary>
    private bool CanFill(LevelSide book, int owner, long threshold, long quantity)
    {
        for (int i = book.Count - 1; i >= 0 && book.KeyAt(i) >= threshold; i--)
        {
            ref PriceLevel level = ref book.Pool[book.SlotAt(i)];
            if (SelfTradePrevention == SelfTradePrevention.None)
            {
                quantity -= level.Size;
            }
            else
            {
                for (int o = level.Head; o >= 0 && quantity > 0; o = _orders[o].Next)
                {
                    if (_orders[o].Owner != owner)
                    {
                        quantity -= _orders[o].Remaining;
                    }
                    else if (SelfTradePrevention == SelfTradePrevention.CancelIncoming)
                    {
                        return false;
                    }
                }
            }

            if (quantity <= 0)
            {
                return true;
            }
        }

        return false;
    }

    private void Rest(long id, int owner, Side side, long price, long size, long time, bool postOnly, MatchingEventBuffer events)
    {
        int slot = Allocate();
        ref OrderSlot o = ref _orders[slot];
        o.Id = id;
        o.Owner = owner;
        o.Side = side;
        o.Price = price;
        o.Remaining = size;
        o.Time = time;
        o.PostOnly = postOnly;

        LevelSide book = Of(side);
        long key = book.Sign * price;
        int index = book.Find(key);
        o.Level = index >= 0 ? book.SlotAt(index) : book.Open(~index, key);
        ref PriceLevel level = ref book.Pool[o.Level];
        Append(ref level, slot);
        level.Size += size;
        _ids.Add(id, slot);
        AddBookChange(side, price, level.Size, time, events);
    }

    /// <summary>The pool slot of a resting order; −1 when no order has that id.</summary>
    private int SlotOf(long orderId)
    {
        ref int slot = ref _ids.Find(orderId);
        return Unsafe.IsNullRef(ref slot) ? -1 : slot;
    }

    /// <summary>Takes a resting order out of the book (reporting its level's new size) and frees its slot.</summary>
    private void Remove(int slot, long time, MatchingEventBuffer events)
    {
        ref OrderSlot o = ref _orders[slot];
        LevelSide book = Of(o.Side);
        ref PriceLevel level = ref book.Pool[o.Level];
        Unlink(ref level, slot);
        level.Size -= o.Remaining;
        AddBookChange(o.Side, o.Price, level.Size, time, events);
        if (level.Count == 0)
        {
            book.CloseAt(book.Find(level.Key));
        }

        _ids.Remove(o.Id);
        Free(slot);
    }

    private void Append(ref PriceLevel level, int slot)
    {
        ref OrderSlot o = ref _orders[slot];
        o.Prev = level.Tail;
        o.Next = -1;
        if (level.Tail >= 0)
        {
            _orders[level.Tail].Next = slot;
        }
        else
        {
            level.Head = slot;
        }

        level.Tail = slot;
        level.Count++;
    }

    private void Unlink(ref PriceLevel level, int slot)
    {
        ref OrderSlot o = ref _orders[slot];
        if (o.Prev >= 0)
        {
            _orders[o.Prev].Next = o.Next;
        }
        else
        {
            level.Head = o.Next;
        }

        if (o.Next >= 0)
        {
            _orders[o.Next].Prev = o.Prev;
        }
        else
        {
            level.Tail = o.Prev;
        }

        level.Count--;
    }

    private int Allocate()
    {
        if (_freeHead >= 0)
        {
            int slot = _freeHead;
            _freeHead = _orders[slot].Next;
            return slot;
        }

        if (_used == _orders.Length)
        {
            Array.Resize(ref _orders, _orders.Length * 2);
        }

        return _used++;
    }

    private void Free(int slot)
    {
        _orders[slot].Next = _freeHead;
        _freeHead = slot;
    }
}
