using System.Runtime.CompilerServices;
using MarketMaking.Core.Collections;

namespace MarketMaking.Core.Books;

/// <summary>
/// The queue (first and last entry) of each price level of one side of an <see cref="OrderQueueBook"/>,
/// found by price. Nearly every order event looks its level up, and order-by-order books hold their
/// levels within a few hundred ticks of each other, so levels live in an array indexed by price
/// (ticks from a base) and only levels outside it go to a hash map: no hashing and no probing on
/// the common path. The base is set by the first level and moves only while no level is held
/// (after a clear), so a level never has to move between the two.
/// </summary>
internal sealed class LevelQueues
{
    public const int None = -1;

    // 4,096 ticks (±$20 at a 0.01 tick): a day of a LOBSTER stock or an hour of a CME future
    // stays inside; 32 kB per side.
    private const int WindowSize = 1 << 12;

    private readonly LevelQueue[] _window = new LevelQueue[WindowSize];
    private readonly LongMap<LevelQueue> _overflow = new(64);
    private long _base;
    private int _windowCount;

    public LevelQueues()
    {
        Array.Fill(_window, new LevelQueue(None, None));
    }

    /// <summary>The queue at <paramref name="price"/>, or a null reference (<see cref="Unsafe.IsNullRef{T}(ref readonly T)"/>) when no level is there.</summary>
    public ref LevelQueue Find(long price)
    {
        long offset = price - _base;
        if ((ulong)offset < WindowSize)
        {
            ref LevelQueue queue = ref _window[offset];
            return ref queue.Head == None ? ref Unsafe.NullRef<LevelQueue>() : ref queue;
        }

        return ref _overflow.Find(price);
    }

    /// <summary>The queue at <paramref name="price"/>, added empty (head and tail <see cref="None"/>) when there was none; <paramref name="exists"/> says which.</summary>
    public ref LevelQueue GetOrAdd(long price, out bool exists)
    {
        long offset = price - _base;
        if ((ulong)offset >= WindowSize && _windowCount == 0 && _overflow.Count == 0)
        {
            // No level anywhere: centre the array on this one.
            _base = price - (WindowSize / 2);
            offset = WindowSize / 2;
        }

        if ((ulong)offset < WindowSize)
        {
            ref LevelQueue queue = ref _window[offset];
            exists = queue.Head != None;
            if (!exists)
            {
                _windowCount++;
            }

            return ref queue;
        }

        ref LevelQueue far = ref _overflow.GetOrAdd(price, out exists);
        if (!exists)
        {
            far = new LevelQueue(None, None);
        }

        return ref far;
    }

    /// <summary>Forgets the (emptied) level at <paramref name="price"/>.</summary>
    public void Remove(long price)
    {
        long offset = price - _base;
        if ((ulong)offset < WindowSize)
        {
            _window[offset] = new LevelQueue(None, None);
            _windowCount--;
            return;
        }

        _overflow.Remove(price);
    }

    public void Clear()
    {
        if (_windowCount > 0)
        {
            Array.Fill(_window, new LevelQueue(None, None));
            _windowCount = 0;
        }

        _overflow.Clear();
    }
}

/// <summary>First and last entry of a price level's queue in an <see cref="OrderQueueBook"/>'s pool (<see cref="LevelQueues.None"/>: none).</summary>
internal readonly record struct LevelQueue(int Head, int Tail);
