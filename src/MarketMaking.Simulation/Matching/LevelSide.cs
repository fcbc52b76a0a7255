namespace MarketMaking.Simulation.Matching;

/// <summary>
/// The non-empty levels of one side. Each level lives at a stable slot of a pool (so a resting order
/// keeps its level's slot and a cancel reaches it without a search); the side's price order is a
/// sorted array of keys with the slots alongside, best LAST: matching consumes the last element and
/// almost every add or cancel lands within a few levels of the touch, so inserts and removals shift
/// only the few entries above them, lookups scan a few keys from the end, and the i-th best level is
/// a plain index (the L2 view reads it without copying). Any price (long) works: no window to re-centre.
/// </summary>
internal sealed class LevelSide
{
    // Keys checked linearly from the touch before falling back to a binary search.
    private const int LinearScan = 8;

    private long[] _keys;
    private int[] _slots;
    private int _poolUsed;
    private int _freeHead = -1;

    public LevelSide(bool isBid, int initialCapacity)
    {
        Sign = isBid ? 1 : -1;
        _keys = new long[initialCapacity];
        _slots = new int[initialCapacity];
        Pool = new PriceLevel[initialCapacity];
    }

    /// <summary>+1 for bids, -1 for asks: key = Sign × price.</summary>
    public long Sign { get; }

    /// <summary>Level storage, indexed by slot; only slots listed in the sorted order are in use.</summary>
    public PriceLevel[] Pool { get; private set; }

    public int Count { get; private set; }

    /// <summary>Slot of the level at sorted position <paramref name="index"/> (Count - 1 = best).</summary>
    public int SlotAt(int index) => _slots[index];

    /// <summary>Key of the level at sorted position <paramref name="index"/>.</summary>
    public long KeyAt(int index) => _keys[index];

    /// <summary>Sorted position of the level with this key, or the bitwise complement of where it would go.</summary>
    public int Find(long key)
    {
        long[] keys = _keys;
        int i = Count - 1;
        int stop = Math.Max(0, Count - LinearScan);
        for (; i >= stop; i--)
        {
            long k = keys[i];
            if (k == key)
            {
                return i;
            }

            if (k < key)
            {
                return ~(i + 1);
            }
        }

        int lo = 0;
        int hi = i;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            long k = keys[mid];
            if (k == key)
            {
                return mid;
            }

            if (k < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }

    /// <summary>Opens an empty level with this key at sorted position <paramref name="index"/> (from <see cref="Find"/>); returns its slot.</summary>
    public int Open(int index, long key)
    {
        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, Count * 2);
            Array.Resize(ref _slots, Count * 2);
        }

        int slot = AllocateSlot();
        Array.Copy(_keys, index, _keys, index + 1, Count - index);
        Array.Copy(_slots, index, _slots, index + 1, Count - index);
        _keys[index] = key;
        _slots[index] = slot;
        Count++;
        Pool[slot] = new PriceLevel { Key = key, Head = -1, Tail = -1 };
        return slot;
    }

    /// <summary>Closes the (empty) level at sorted position <paramref name="index"/>.</summary>
    public void CloseAt(int index)
    {
        FreeSlot(_slots[index]);
        Array.Copy(_keys, index + 1, _keys, index, Count - index - 1);
        Array.Copy(_slots, index + 1, _slots, index, Count - index - 1);
        Count--;
    }

    /// <summary>Closes the (empty) best level: nothing to shift.</summary>
    public void CloseBest()
    {
        Count--;
        FreeSlot(_slots[Count]);
    }

    public void Clear()
    {
        Count = 0;
        _poolUsed = 0;
        _freeHead = -1;
    }

    private int AllocateSlot()
    {
        if (_freeHead >= 0)
        {
            int slot = _freeHead;
            _freeHead = Pool[slot].Head;
            return slot;
        }

        if (_poolUsed == Pool.Length)
        {
            PriceLevel[] pool = Pool;
            Array.Resize(ref pool, pool.Length * 2);
            Pool = pool;
        }

        return _poolUsed++;
    }

    // A free level slot reuses Head as the free-list link.
    private void FreeSlot(int slot)
    {
        Pool[slot].Head = _freeHead;
        _freeHead = slot;
    }
}
