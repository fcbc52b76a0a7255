using System.Numerics;

namespace MarketMaking.Core.Books;

/// <summary>
/// One side of an aggregated book. Full-depth feeds update levels deep in the book as often as
/// the touch, so levels near the best live in a dense window indexed by price (ticks from a base),
/// with a bitmap of occupied levels: setting one is O(1), and when the best empties the bitmap is
/// scanned 64 levels at a time for the next. Levels outside the window — real books hold stray
/// orders far away — sit in sorted <see cref="SortedLevels"/>. The window always holds the best
/// level, so every level outside it is worse; it re-centres when a better level arrives outside,
/// when it empties, or when the best drifts near an edge. Nothing is allocated per update (the
/// first re-centre allocates the spare window it swaps with).
/// </summary>
internal sealed class BookSide
{
    // 16,384 ticks: ±80 at a 0.01 tick, wider than the part of a book that full-depth feeds churn.
    private const int WindowSize = 1 << 14;
    private const int Edge = WindowSize / 8;

    private readonly bool _isBid;
    private readonly SortedLevels _overflow;
    private readonly Action<long, long> _moveIntoWindow;
    private long[] _sizes = new long[WindowSize];
    private ulong[] _occupied = new ulong[WindowSize / 64];
    private long[]? _spareSizes;
    private ulong[]? _spareOccupied;
    private long _base;
    private int _windowCount;
    private int _best = -1;

    public BookSide(bool isBid)
    {
        _isBid = isBid;
        _overflow = new SortedLevels(isBid);
        _moveIntoWindow = SetInWindow;
    }

    public int Count => _windowCount + _overflow.Count;

    public BookLevel Best => _best < 0 ? default : new BookLevel(_base + _best, _sizes[_best]);

    /// <summary>True when the side holds no level (the window holds the best level whenever there is one).</summary>
    public bool IsEmpty => _best < 0;

    /// <summary>The best price; only when not <see cref="IsEmpty"/>. The mid's read, without the size.</summary>
    public long BestPrice => _base + _best;

    /// <summary>Level by distance from the touch (0 = best): walks the window's levels, then the overflow's.</summary>
    public BookLevel Level(int index)
    {
        if (index >= _windowCount)
        {
            return _overflow.Level(index - _windowCount);
        }

        int slot = _best;
        for (int i = 0; i < index; i++)
        {
            slot = NextWorse(slot);
        }

        return new BookLevel(_base + slot, _sizes[slot]);
    }

    /// <summary>The best levels, as many as <paramref name="levels"/> holds, in one walk; returns how many there were.</summary>
    public int CopyLevels(Span<BookLevel> levels)
    {
        int count = Math.Min(levels.Length, Count);
        int slot = _best;
        int i = 0;
        for (; i < Math.Min(count, _windowCount); i++)
        {
            levels[i] = new BookLevel(_base + slot, _sizes[slot]);
            slot = i + 1 < _windowCount ? NextWorse(slot) : slot;
        }

        for (; i < count; i++)
        {
            levels[i] = _overflow.Level(i - _windowCount);
        }

        return count;
    }

    public long SizeAt(long price)
    {
        long slot = price - _base;
        return (ulong)slot < WindowSize ? _sizes[slot] : _overflow.SizeAt(price);
    }

    public void Clear()
    {
        Array.Clear(_sizes);
        Array.Clear(_occupied);
        _overflow.Clear();
        _windowCount = 0;
        _best = -1;
    }

    /// <summary>Adds <paramref name="delta"/> lots to the level at <paramref name="price"/> (a level left at 0 or below is removed).</summary>
    public void Add(long price, long delta)
    {
        long slot = price - _base;
        if ((ulong)slot < WindowSize && _sizes[slot] > 0 && _sizes[slot] + delta > 0)
        {
            // An occupied level that stays occupied: count, bitmap, best and window are as they were.
            _sizes[slot] += delta;
            return;
        }

        Set(price, Math.Max(0, SizeAt(price) + delta));
    }

    /// <summary>Sets the total size at a price (0 removes the level); returns the size it had.</summary>
    public long Set(long price, long size)
    {
        long offset = price - _base;
        if ((ulong)offset >= WindowSize)
        {
            bool better = _best < 0 || (_isBid ? price > _base + _best : price < _base + _best);
            if (size == 0 || !better)
            {
                return _overflow.Set(price, size);
            }

            if (Count == 0)
            {
                // No level anywhere: centre the empty window on this one (nothing to move or clear).
                _base = price - (WindowSize / 2);
            }
            else
            {
                Recentre(price);
            }

            offset = price - _base;
        }

        int slot = (int)offset;
        long previous = _sizes[slot];
        bool wasOccupied = previous != 0;
        SetInWindow(price, size);
        if (size == 0 && wasOccupied && _best < 0 && _overflow.Count > 0)
        {
            Recentre(_overflow.Best.Price); // the window emptied: the best is now among the far levels
        }
        else if (_best >= 0 && (_best < Edge || _best >= WindowSize - Edge))
        {
            Recentre(_base + _best);
        }

        return previous;
    }

    /// <summary>Sets a level known to be inside the window, keeping count, bitmap and best.</summary>
    private void SetInWindow(long price, long size)
    {
        int slot = (int)(price - _base);
        bool wasOccupied = _sizes[slot] != 0;
        _sizes[slot] = size;
        if (size == 0)
        {
            if (wasOccupied)
            {
                _occupied[slot >> 6] &= ~(1UL << slot);
                _windowCount--;
                if (slot == _best)
                {
                    _best = _windowCount == 0 ? -1 : NextWorse(slot);
                }
            }

            return;
        }

        if (!wasOccupied)
        {
            _occupied[slot >> 6] |= 1UL << slot;
            _windowCount++;
            if (_best < 0 || (_isBid ? slot > _best : slot < _best))
            {
                _best = slot;
            }
        }
    }

    /// <summary>Moves the window so <paramref name="price"/> sits in its middle, trading levels with the overflow.</summary>
    private void Recentre(long price)
    {
        long oldBase = _base;
        (long[] oldSizes, ulong[] oldOccupied) = (_sizes, _occupied);
        // A spare used before holds an old window: cleared; a new one is zero already.
        (_sizes, _spareSizes) = (_spareSizes is null ? new long[WindowSize] : Clear(_spareSizes), oldSizes);
        (_occupied, _spareOccupied) = (_spareOccupied is null ? new ulong[WindowSize / 64] : Clear(_spareOccupied), oldOccupied);
        _base = price - (WindowSize / 2);
        _windowCount = 0;
        _best = -1;

        for (int word = 0; word < oldOccupied.Length; word++)
        {
            for (ulong bits = oldOccupied[word]; bits != 0; bits &= bits - 1)
            {
                int slot = (word << 6) + BitOperations.TrailingZeroCount(bits);
                long level = oldBase + slot;
                if ((ulong)(level - _base) < WindowSize)
                {
                    SetInWindow(level, oldSizes[slot]);
                }
                else
                {
                    _overflow.Set(level, oldSizes[slot]);
                }
            }
        }

        _overflow.TakeRange(_base, _base + WindowSize - 1, _moveIntoWindow);
    }

    private static T[] Clear<T>(T[] array)
    {
        Array.Clear(array);
        return array;
    }

    /// <summary>The next occupied slot after <paramref name="slot"/> going away from the touch, or −1.</summary>
    private int NextWorse(int slot) => _isBid ? PreviousOccupied(slot) : NextOccupied(slot);

    private int NextOccupied(int slot)
    {
        int word = (slot + 1) >> 6;
        if (word >= _occupied.Length)
        {
            return -1;
        }

        ulong bits = _occupied[word] & (~0UL << ((slot + 1) & 63));
        while (bits == 0)
        {
            if (++word == _occupied.Length)
            {
                return -1;
            }

            bits = _occupied[word];
        }

        return (word << 6) + BitOperations.TrailingZeroCount(bits);
    }

    private int PreviousOccupied(int slot)
    {
        if (slot <= 0)
        {
            return -1;
        }

        int word = (slot - 1) >> 6;
        int bit = (slot - 1) & 63;
        ulong bits = _occupied[word] & (bit == 63 ? ~0UL : (1UL << (bit + 1)) - 1);
        while (bits == 0)
        {
            if (--word < 0)
            {
                return -1;
            }

            bits = _occupied[word];
        }

        return (word << 6) + 63 - BitOperations.LeadingZeroCount(bits);
    }
}
