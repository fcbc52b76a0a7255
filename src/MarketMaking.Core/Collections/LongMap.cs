using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MarketMaking.Core.Collections;

/// <summary>
/// A long → value map for hot paths (order ids, price levels): open addressing with linear
/// probing and backward-shift deletion (no tombstones, so probe lengths stay short under constant
/// add/cancel churn), values reached by reference. Any long is a valid key. Kept at most half
/// full and grown by doubling, so nothing is allocated once it has its working size; a reference
/// it returns is valid until the next add.
/// </summary>
public sealed class LongMap<TValue>
    where TValue : struct
{
    private Entry[] _entries;
    private int _mask;
    private int _shift;

    /// <param name="initialCapacity">Keys expected at once (the table is twice that, rounded up to a power of two).</param>
    public LongMap(int initialCapacity)
    {
        int capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, initialCapacity * 2));
        _entries = new Entry[capacity];
        SetCapacity(capacity);
    }

    public int Count { get; private set; }

    /// <summary>The value of <paramref name="key"/>, or a null reference (<see cref="Unsafe.IsNullRef{T}(ref readonly T)"/>) when it is absent.</summary>
    public ref TValue Find(long key)
    {
        int slot = SlotOf(key);
        return ref slot < 0 ? ref Unsafe.NullRef<TValue>() : ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_entries), slot).Value;
    }

    public bool ContainsKey(long key) => !Unsafe.IsNullRef(ref Find(key));

    /// <summary>The value of <paramref name="key"/>, added as default when it was absent.</summary>
    public ref TValue GetOrAdd(long key, out bool exists)
    {
        // Room is made first, so one probe finds either the key or the empty slot it goes into.
        if ((Count + 1) * 2 > _entries.Length)
        {
            Grow();
        }

        ref Entry entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        int i = Home(key);
        while (true)
        {
            ref Entry e = ref Unsafe.Add(ref entries, i);
            if (!e.Used)
            {
                e = new Entry { Key = key, Used = true };
                Count++;
                exists = false;
                return ref e.Value;
            }

            if (e.Key == key)
            {
                exists = true;
                return ref e.Value;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>Adds a key known to be absent (one probe fewer than <see cref="GetOrAdd"/>).</summary>
    public void Add(long key, TValue value)
    {
        if ((Count + 1) * 2 > _entries.Length)
        {
            Grow();
        }

        Count++;
        Insert(key, value);
    }

    /// <summary>Removes <paramref name="key"/>; false when it was absent.</summary>
    public bool Remove(long key) => Remove(key, out _);

    /// <summary>Removes <paramref name="key"/>, handing back its value; false (and default) when it was absent.</summary>
    public bool Remove(long key, out TValue value)
    {
        int slot = SlotOf(key);
        if (slot < 0)
        {
            value = default;
            return false;
        }

        value = _entries[slot].Value;
        RemoveAt(slot);
        return true;
    }

    /// <summary>The slot holding <paramref name="key"/>, or −1: valid until the next add or removal.</summary>
    public int SlotOf(long key)
    {
        // The index is masked to the table, so the probe reads without bounds checks.
        ref Entry entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        int i = Home(key);
        while (true)
        {
            ref Entry e = ref Unsafe.Add(ref entries, i);
            if (!e.Used)
            {
                return -1;
            }

            if (e.Key == key)
            {
                return i;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>The value in <paramref name="slot"/> (from <see cref="SlotOf"/>).</summary>
    public ref TValue ValueAt(int slot) => ref _entries[slot].Value;

    /// <summary>Removes the key in <paramref name="slot"/> (from <see cref="SlotOf"/>) without probing for it again.</summary>
    public void RemoveAt(int slot)
    {
        Entry[] entries = _entries;
        int i = slot;

        // Backward shift: pull later entries of the probe run into the hole unless that would
        // move one before its home position.
        int j = i;
        while (true)
        {
            j = (j + 1) & _mask;
            if (!entries[j].Used)
            {
                break;
            }

            int home = Home(entries[j].Key);
            bool stays = i <= j ? i < home && home <= j : i < home || home <= j;
            if (!stays)
            {
                entries[i] = entries[j];
                i = j;
            }
        }

        entries[i] = default;
        Count--;
    }

    public void Clear()
    {
        if (Count > 0)
        {
            Array.Clear(_entries);
            Count = 0;
        }
    }

    // Fibonacci hashing spreads sequential keys (ids, neighbouring prices) over the table.
    private int Home(long key) => (int)((ulong)key * 0x9E3779B97F4A7C15UL >> _shift);

    private ref TValue Insert(long key, TValue value)
    {
        int i = Home(key);
        while (_entries[i].Used)
        {
            i = (i + 1) & _mask;
        }

        ref Entry e = ref _entries[i];
        e = new Entry { Key = key, Value = value, Used = true };
        return ref e.Value;
    }

    private void Grow()
    {
        Entry[] old = _entries;
        _entries = new Entry[old.Length * 2];
        SetCapacity(_entries.Length);
        foreach (Entry e in old)
        {
            if (e.Used)
            {
                Insert(e.Key, e.Value);
            }
        }
    }

    private void SetCapacity(int capacity)
    {
        _mask = capacity - 1;
        _shift = 64 - BitOperations.Log2((uint)capacity);
    }

    private struct Entry
    {
        public long Key;
        public TValue Value;
        public bool Used;
    }
}
