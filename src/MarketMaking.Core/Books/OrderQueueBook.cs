using System.Runtime.CompilerServices;
using MarketMaking.Core.Collections;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;

namespace MarketMaking.Core.Books;

/// <summary>
/// An order-by-order (L3) book: every visible order by id, in time priority at its price, with the
/// aggregated levels kept beside it. Every entry carries a priority key: orders joining the back of
/// a level take the next key of a counter, so at one price a smaller key is ahead in the queue.
/// Volume whose orders the source never showed (the book a file starts from, or a level that comes
/// into a partial file's window) is kept as anonymous entries: put in front of everything at the
/// level (its orders were resting before any we saw), taken from the front when an unknown order
/// trades or leaves. A caller (our own orders in an L3 replay) can take a key with
/// <see cref="NextKey"/> without resting size here, and compare it with the keys events report.
/// Nothing allocates per event once the pools have their working size.
/// </summary>
public sealed class OrderQueueBook : IOrderBookView
{
    private const int None = LevelQueues.None;

    private readonly OrderBook _levels = new();
    // An open-addressing map rather than Dictionary: every event looks up an id (levels: by price, LevelQueues).
    private readonly LongMap<int> _byId;
    private readonly LevelQueues _bidQueues = new();
    private readonly LevelQueues _askQueues = new();
    private Entry[] _entries;
    private int _freeHead = None;
    private int _used;
    private long _lastKey;
    private long _frontKey;

    /// <param name="capacity">
    /// Orders expected at once (the pools grow beyond it by doubling). 8,192 by default: a LOBSTER
    /// day rests a few thousand, and a smaller id map stays in cache (4,096 replayed AMZN 10–15%
    /// faster per CPU-second than 16,384, but the Databento hour's larger book then grew the pools twice or more per replay).
    /// </param>
    public OrderQueueBook(int capacity = 1 << 13)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _entries = new Entry[capacity];
        _byId = new LongMap<int>(capacity);
    }

    /// <summary>
    /// True (the default): the source's sizes are the truth, so a delete that names an order holding
    /// more than the source says (it grew while the source could not see it) leaves the excess as
    /// anonymous volume at the front, and the levels stay equal to the source's. False when someone
    /// else has changed the orders (our impact in a replay): a delete takes the whole order.
    /// </summary>
    public bool SourceSizes { get; init; } = true;

    /// <summary>The aggregated levels (visible orders and anonymous volume).</summary>
    public OrderBook Levels => _levels;

    /// <summary>Visible orders known by id.</summary>
    public int OrderCount => _byId.Count;

    /// <summary>Order events that named an order this book does not hold (they took anonymous volume instead).</summary>
    public long UnknownOrders { get; private set; }

    /// <summary>Lots that order events removed but neither the order nor the level's anonymous volume held.</summary>
    public long MissingLots { get; private set; }

    public int LevelCount(Side side) => _levels.LevelCount(side);

    public BookLevel Level(Side side, int index) => _levels.Level(side, index);

    public BookLevel Best(Side side) => _levels.Best(side);

    public long SizeAt(Side side, long price) => _levels.SizeAt(side, price);

    /// <summary>A key behind every order resting now: what an order joining the back of any level gets.</summary>
    public long NextKey() => ++_lastKey;

    /// <summary>True while order <paramref name="id"/> rests here.</summary>
    public bool Contains(long id) => _byId.ContainsKey(id);

    /// <summary>Size, price, side and priority key of order <paramref name="id"/>; false when it is not here.</summary>
    public bool TryGetOrder(long id, out QueuedOrder order)
    {
        ref int i = ref _byId.Find(id);
        if (!Unsafe.IsNullRef(ref i))
        {
            ref Entry e = ref _entries[i];
            order = new QueuedOrder(e.Id, e.Side, e.Price, e.Size, e.Key);
            return true;
        }

        order = default;
        return false;
    }

    /// <summary>Lots resting at (<paramref name="side"/>, <paramref name="price"/>) with a key below <paramref name="key"/>: the queue ahead of it.</summary>
    public long VolumeAhead(Side side, long price, long key)
    {
        ref LevelQueue queue = ref Queues(side).Find(price);
        if (Unsafe.IsNullRef(ref queue))
        {
            return 0;
        }

        long ahead = 0;
        for (int i = queue.Head; i != None && _entries[i].Key < key; i = _entries[i].Next)
        {
            ahead += _entries[i].Size;
        }

        return ahead;
    }

    /// <summary>Applies one event: the L3 kinds by order id, BookClear, and BookLevel only when marked as taken from the source's book (<see cref="EventMarkers.Snapshot"/>); returns what it did.</summary>
    public QueueChange Apply(in MarketEvent e) => e.Kind switch
    {
        MarketEventKind.OrderAdd => Add(e.Id, e.Side, e.Price, e.Size),
        MarketEventKind.OrderCancel or MarketEventKind.OrderExecute => Remove(e.Id, e.Side, e.Price, e.Size, whole: false),
        MarketEventKind.OrderDelete => Remove(e.Id, e.Side, e.Price, e.Size, whole: true),
        MarketEventKind.OrderModify => Modify(e.Id, e.Side, e.Price, e.Size),
        MarketEventKind.BookClear => ClearAll(),
        MarketEventKind.BookLevel when (e.Markers & EventMarkers.Snapshot) != 0 => SetLevel(e.Side, e.Price, e.Size),
        _ => default,
    };

    /// <summary>A new order at the back of its level; an id already resting is replaced (the source reused it).</summary>
    public QueueChange Add(long id, Side side, long price, long size)
    {
        if (size <= 0)
        {
            return default;
        }

        ref int slot = ref _byId.GetOrAdd(id, out bool reused);
        if (reused)
        {
            Unlink(slot, _entries[slot].Size, keepId: true);
        }

        int i = Allocate();
        slot = i;
        _entries[i] = new Entry { Id = id, Side = side, Price = price, Size = size, Key = ++_lastKey };
        Link(i, front: false);
        AddToLevel(side, price, size);
        return new QueueChange(_entries[i].Key, size, Known: true);
    }

    /// <summary>
    /// Takes <paramref name="size"/> lots from order <paramref name="id"/> (all of it when
    /// <paramref name="whole"/>: a delete takes the whole order even when it holds more than the
    /// source says). The level loses at least <paramref name="size"/> (the source's own arithmetic):
    /// what the order does not hold — an unknown id, or an order that changed while the
    /// source could not see it — comes from the level's anonymous volume, front first, then from its
    /// oldest orders. The change's key is that of the last entry touched.
    /// </summary>
    public QueueChange Remove(long id, Side side, long price, long size, bool whole)
    {
        long taken = 0;
        long key = long.MinValue;
        int mapSlot = _byId.SlotOf(id);
        bool known = mapSlot >= 0;
        if (known)
        {
            int i = _byId.ValueAt(mapSlot);
            ref Entry e = ref _entries[i];
            key = e.Key;
            taken = whole ? e.Size : Math.Min(size, e.Size);
            Side orderSide = e.Side;
            long orderPrice = e.Price;
            Unlink(i, taken, mapSlot);
            if (whole && SourceSizes && taken > size)
            {
                AddFront(orderSide, orderPrice, taken - size);
                taken = size;
            }
        }
        else
        {
            UnknownOrders++;
        }

        if (known && taken < size)
        {
            QueueChange rest = TakeFromLevel(side, price, size - taken);
            taken += rest.Lots;
            key = rest.Lots > 0 ? rest.Key : key;
        }
        else if (!known)
        {
            QueueChange rest = TakeFromLevel(side, price, size);
            taken = rest.Lots;
            key = rest.Key;
        }

        MissingLots += Math.Max(0, size - taken);
        return new QueueChange(key, taken, known);
    }

    /// <summary>
    /// Order <paramref name="id"/> now rests at (<paramref name="side"/>, <paramref name="price"/>) with
    /// <paramref name="size"/>: a smaller size at the same price keeps its place; a new price or a larger
    /// size goes to the back (the rule of price-time exchanges such as CME). An unknown id is added.
    /// </summary>
    public QueueChange Modify(long id, Side side, long price, long size)
    {
        ref int slot = ref _byId.Find(id);
        if (Unsafe.IsNullRef(ref slot))
        {
            return Add(id, side, price, size);
        }

        int i = slot;
        ref Entry e = ref _entries[i];
        if (e.Side == side && e.Price == price && size <= e.Size)
        {
            long key = e.Key;
            long fall = e.Size - size;
            if (size == 0)
            {
                Unlink(i, fall);
            }
            else
            {
                e.Size = size;
                AddToLevel(side, price, -fall);
            }

            return new QueueChange(key, fall, Known: true);
        }

        Unlink(i, e.Size);
        return Add(id, side, price, size);
    }

    /// <summary>
    /// Sets the level's total as the source's own book shows it: size the known orders do not explain
    /// becomes anonymous volume at the front; a smaller total takes anonymous volume first, then
    /// known orders from the back (they left while the source could not see them).
    /// </summary>
    public QueueChange SetLevel(Side side, long price, long total)
    {
        long current = _levels.SizeAt(side, price);
        if (total > current)
        {
            return new QueueChange(AddFront(side, price, total - current), total - current, Known: false);
        }

        long excess = current - total;
        if (excess == 0)
        {
            return default;
        }

        QueueChange taken = TakeFromLevel(side, price, excess, anonymousOnly: true);
        excess -= taken.Lots;
        ref LevelQueue queue = ref Queues(side).Find(price);
        while (excess > 0 && !Unsafe.IsNullRef(ref queue) && queue.Tail != None)
        {
            int last = queue.Tail;
            long take = Math.Min(excess, _entries[last].Size);
            excess -= take;
            Unlink(last, take);
            queue = ref Queues(side).Find(price);
        }

        return new QueueChange(long.MaxValue, current - total, Known: false);
    }

    /// <summary>Empties the book (a source's clear, or a new snapshot).</summary>
    public QueueChange ClearAll()
    {
        _levels.Clear();
        _byId.Clear();
        _bidQueues.Clear();
        _askQueues.Clear();
        _freeHead = None;
        _used = 0;
        return default;
    }

    /// <summary>Lots from the front of a level, anonymous entries first, then (unless <paramref name="anonymousOnly"/>) the oldest orders; the key is that of the last entry touched.</summary>
    private QueueChange TakeFromLevel(Side side, long price, long size, bool anonymousOnly = false)
    {
        QueueChange anonymous = TakeFront(side, price, size, anonymous: true);
        if (anonymousOnly || anonymous.Lots == size)
        {
            return anonymous;
        }

        QueueChange named = TakeFront(side, price, size - anonymous.Lots, anonymous: false);
        return named.Lots > 0 ? new QueueChange(named.Key, anonymous.Lots + named.Lots, Known: false) : anonymous;
    }

    private QueueChange TakeFront(Side side, long price, long size, bool anonymous)
    {
        long taken = 0;
        long key = long.MinValue;
        ref LevelQueue queue = ref Queues(side).Find(price);
        int i = Unsafe.IsNullRef(ref queue) ? None : queue.Head;
        while (i != None && taken < size)
        {
            int next = _entries[i].Next;
            bool isAnonymous = _entries[i].Id == 0;
            if (anonymous && !isAnonymous)
            {
                break; // anonymous entries only ever join at the front: none lies behind a named one
            }

            if (isAnonymous == anonymous)
            {
                key = _entries[i].Key;
                long take = Math.Min(size - taken, _entries[i].Size);
                taken += take;
                Unlink(i, take);
            }

            i = next;
        }

        return new QueueChange(key, taken, Known: false);
    }

    /// <summary>Anonymous volume in front of everything at its level; returns its key.</summary>
    private long AddFront(Side side, long price, long size)
    {
        int i = Allocate();
        _entries[i] = new Entry { Id = 0, Side = side, Price = price, Size = size, Key = --_frontKey };
        Link(i, front: true);
        AddToLevel(side, price, size);
        return _entries[i].Key;
    }

    private LevelQueues Queues(Side side) => side == Side.Buy ? _bidQueues : _askQueues;

    private void AddToLevel(Side side, long price, long delta) => _levels.Add(side, price, delta);

    private int Allocate()
    {
        if (_freeHead != None)
        {
            int free = _freeHead;
            _freeHead = _entries[free].Next;
            return free;
        }

        if (_used == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        return _used++;
    }

    /// <summary>Links entry <paramref name="i"/> into its level's queue: at the back (time priority), or at the front (volume resting before any order we saw).</summary>
    private void Link(int i, bool front)
    {
        ref Entry e = ref _entries[i];
        ref LevelQueue queue = ref Queues(e.Side).GetOrAdd(e.Price, out bool exists);
        if (!exists || queue.Head == None)
        {
            queue = new LevelQueue(i, i);
            e.Prev = e.Next = None;
        }
        else if (front)
        {
            e.Next = queue.Head;
            e.Prev = None;
            _entries[queue.Head].Prev = i;
            queue = queue with { Head = i };
        }
        else
        {
            e.Prev = queue.Tail;
            e.Next = None;
            _entries[queue.Tail].Next = i;
            queue = queue with { Tail = i };
        }
    }

    /// <summary>
    /// Takes <paramref name="lots"/> from entry <paramref name="i"/> (and from its level); an entry left
    /// empty leaves its queue and the pool, and its id the map unless <paramref name="keepId"/> (the id
    /// is being given a new entry). <paramref name="mapSlot"/>: the id's slot in the map when the
    /// caller has just found it (−1: looked up again).
    /// </summary>
    private void Unlink(int i, long lots, int mapSlot = -1, bool keepId = false)
    {
        ref Entry e = ref _entries[i];
        AddToLevel(e.Side, e.Price, -lots);
        e.Size -= lots;
        if (e.Size > 0)
        {
            return;
        }

        if (e.Prev != None && e.Next != None)
        {
            // Inside its queue: the neighbours close the gap, head and tail stay (no level lookup).
            _entries[e.Prev].Next = e.Next;
            _entries[e.Next].Prev = e.Prev;
        }
        else
        {
            UnlinkEnd(ref e);
        }

        if (e.Id != 0 && !keepId)
        {
            if (mapSlot >= 0)
            {
                _byId.RemoveAt(mapSlot);
            }
            else
            {
                _byId.Remove(e.Id);
            }
        }

        e.Next = _freeHead;
        _freeHead = i;
    }

    /// <summary>Takes an entry at the head or tail of its queue out of it; a queue left empty leaves its map.</summary>
    private void UnlinkEnd(ref Entry e)
    {
        LevelQueues queues = Queues(e.Side);
        ref LevelQueue queue = ref queues.Find(e.Price);
        if (e.Prev != None)
        {
            _entries[e.Prev].Next = e.Next;
        }
        else
        {
            queue = queue with { Head = e.Next };
        }

        if (e.Next != None)
        {
            _entries[e.Next].Prev = e.Prev;
        }
        else
        {
            queue = queue with { Tail = e.Prev };
        }

        if (queue.Head == None)
        {
            queues.Remove(e.Price);
        }
    }

    private struct Entry
    {
        public long Id;
        public long Price;
        public long Size;
        public long Key;
        public int Prev;
        public int Next;
        public Side Side;
    }
}
