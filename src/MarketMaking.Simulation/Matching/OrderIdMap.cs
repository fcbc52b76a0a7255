using System.Numerics;

namespace MarketMaking.Simulation.Matching;

/// <summary>
/// Order id → order slot, open addressing with linear probing and backward-shift deletion (no
/// tombstones, so probe lengths stay short under constant add/cancel churn). Any long is a valid
/// id; a stored value of 0 marks an empty entry (values are slot + 1). Kept at most half full and
/// grown by doubling, so nothing is allocated once it has its working size.
/// </summary>
internal sealed class OrderIdMap
{
    private Entry[] _entries;
    private int _mask;
    private int _shift;

    public OrderIdMap(int initialCapacity)
    {
        int capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, initialCapacity * 2));
        _entries = new Entry[capacity];
        SetCapacity(capacity);
    }

    public int Count { get; private set; }

    /// <summary>The slot of an id, or -1.</summary>
    public int Find(long id)
    {
        Entry[] entries = _entries;
        int i = Home(id);
        while (true)
        {
            ref Entry e = ref entries[i];
            if (e.Value == 0)
            {
                return -1;
            }

            if (e.Key == id)
            {
                return e.Value - 1;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>Adds an id that is not present.</summary>
    public void Add(long id, int slot)
    {
        if ((Count + 1) * 2 > _entries.Length)
        {
            Grow();
        }

        Insert(id, slot);
        Count++;
    }

    /// <summary>Removes an id that is present.</summary>
    public void Remove(long id)
    {
        Entry[] entries = _entries;
        int i = Home(id);
        while (entries[i].Key != id || entries[i].Value == 0)
        {
            i = (i + 1) & _mask;
        }

        // Backward shift: pull later entries of the probe run into the hole unless that would
        // move one before its home position.
        int j = i;
        while (true)
        {
            j = (j + 1) & _mask;
            if (entries[j].Value == 0)
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
        Array.Clear(_entries);
        Count = 0;
    }

    // Fibonacci hashing spreads sequential ids over the table.
    private int Home(long id) => (int)((ulong)id * 0x9E3779B97F4A7C15UL >> _shift);

    private void Insert(long id, int slot)
    {
        int i = Home(id);
        while (_entries[i].Value != 0)
        {
            i = (i + 1) & _mask;
        }

        _entries[i] = new Entry(id, slot + 1);
    }

    private void Grow()
    {
        Entry[] old = _entries;
        _entries = new Entry[old.Length * 2];
        SetCapacity(_entries.Length);
        foreach (Entry e in old)
        {
            if (e.Value != 0)
            {
                Insert(e.Key, e.Value - 1);
            }
        }
    }

    private void SetCapacity(int capacity)
    {
        _mask = capacity - 1;
        _shift = 64 - BitOperations.Log2((uint)capacity);
    }

    private record struct Entry(long Key, int Value);
}
