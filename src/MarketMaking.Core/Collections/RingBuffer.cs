using System.Diagnostics.CodeAnalysis;

namespace MarketMaking.Core.Collections;

/// <summary>
/// A FIFO queue over a power-of-two ring that grows by doubling, so a queue in steady state
/// never allocates. Items are reachable by reference, so the front can be reduced in place.
/// </summary>
public sealed class RingBuffer<T>
    where T : struct
{
    private T[] _items;
    private int _head;

    public RingBuffer(int initialCapacity = 16)
    {
        _items = new T[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(initialCapacity, 1))];
    }

    public int Count { get; private set; }

    /// <summary>The item <paramref name="index"/> places behind the front (0 = the front).</summary>
    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                ThrowOutside(index);
            }

            return ref _items[(_head + index) & (_items.Length - 1)];
        }
    }

    public ref T Front => ref this[0];

    public void Enqueue(in T item)
    {
        if (Count == _items.Length)
        {
            Grow();
        }

        _items[(_head + Count) & (_items.Length - 1)] = item;
        Count++;
    }

    public void Dequeue()
    {
        if (Count == 0)
        {
            ThrowEmpty();
        }

        _head = (_head + 1) & (_items.Length - 1);
        Count--;
    }

    // Throws kept out of the accessors, so the JIT inlines them into the windows' loops.
    [DoesNotReturn]
    private static void ThrowOutside(int index) => throw new ArgumentOutOfRangeException(nameof(index), index, "outside the queue");

    [DoesNotReturn]
    private static void ThrowEmpty() => throw new InvalidOperationException("the queue is empty");

    private void Grow()
    {
        var larger = new T[_items.Length * 2];
        for (int i = 0; i < Count; i++)
        {
            larger[i] = _items[(_head + i) & (_items.Length - 1)];
        }

        _items = larger;
        _head = 0;
    }
}
