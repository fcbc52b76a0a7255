namespace MarketMaking.Core.Books;

/// <summary>
/// Levels of one side in sorted arrays with the best LAST, so an update near the best end shifts
/// only the few levels beyond it. Holds the far levels of a <see cref="BookSide"/>, outside its
/// dense window. Arrays grow by doubling; nothing is allocated per update once grown.
/// </summary>
internal sealed class SortedLevels
{
    private readonly bool _isBid;
    private long[] _prices = new long[64];
    private long[] _sizes = new long[64];

    public SortedLevels(bool isBid)
    {
        _isBid = isBid;
    }

    public int Count { get; private set; }

    /// <summary>Level by distance from the touch (0 = best).</summary>
    public BookLevel Level(int index)
    {
        int i = Count - 1 - index;
        return new BookLevel(_prices[i], _sizes[i]);
    }

    public BookLevel Best => Count == 0 ? default : new BookLevel(_prices[Count - 1], _sizes[Count - 1]);

    public long SizeAt(long price)
    {
        int i = Find(price);
        return i >= 0 ? _sizes[i] : 0;
    }

    public void Clear() => Count = 0;

    /// <summary>Sets the total size at a price (0 removes the level); returns the size it had.</summary>
    public long Set(long price, long size)
    {
        int i = Find(price);
        if (i >= 0)
        {
            long previous = _sizes[i];
            if (size == 0)
            {
                Array.Copy(_prices, i + 1, _prices, i, Count - i - 1);
                Array.Copy(_sizes, i + 1, _sizes, i, Count - i - 1);
                Count--;
            }
            else
            {
                _sizes[i] = size;
            }

            return previous;
        }

        if (size == 0)
        {
            return 0; // deleting a level that is not there: nothing to do (exchanges send these)
        }

        if (Count == _prices.Length)
        {
            Array.Resize(ref _prices, Count * 2);
            Array.Resize(ref _sizes, Count * 2);
        }

        int at = ~i;
        Array.Copy(_prices, at, _prices, at + 1, Count - at);
        Array.Copy(_sizes, at, _sizes, at + 1, Count - at);
        _prices[at] = price;
        _sizes[at] = size;
        Count++;
        return 0;
    }

    /// <summary>Moves every level with price in [low, high] out, calling <paramref name="take"/> on each.</summary>
    public void TakeRange(long low, long high, Action<long, long> take)
    {
        int kept = 0;
        for (int i = 0; i < Count; i++)
        {
            if (_prices[i] >= low && _prices[i] <= high)
            {
                take(_prices[i], _sizes[i]);
            }
            else
            {
                _prices[kept] = _prices[i];
                _sizes[kept] = _sizes[i];
                kept++;
            }
        }

        Count = kept;
    }

    /// <summary>
    /// Index of a price, or the bitwise complement of where it would go. Bids ascend (best = highest
    /// last), asks descend (best = lowest last). Searches from the touch first: most lookups are there.
    /// </summary>
    private int Find(long price)
    {
        int top = Count - 1;
        if (top >= 0 && _prices[top] == price)
        {
            return top;
        }

        int low = 0;
        int high = top;
        while (low <= high)
        {
            int middle = (int)((uint)(low + high) >> 1);
            long p = _prices[middle];
            if (p == price)
            {
                return middle;
            }

            if (_isBid ? p < price : p > price)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }
}
