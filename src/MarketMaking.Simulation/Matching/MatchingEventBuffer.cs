namespace MarketMaking.Simulation.Matching;

/// <summary>
/// A caller-owned, reusable list of engine output. The engine appends; the caller reads
/// <see cref="Events"/> and calls <see cref="Clear"/> when done. It grows by doubling and then
/// allocates nothing, so clear it regularly (after each message or batch).
/// </summary>
public sealed class MatchingEventBuffer
{
    private MatchingEvent[] _items;

    public MatchingEventBuffer(int initialCapacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        _items = new MatchingEvent[initialCapacity];
    }

    public int Count { get; private set; }

    /// <summary>The events appended since the last <see cref="Clear"/>, oldest first.</summary>
    public ReadOnlySpan<MatchingEvent> Events => _items.AsSpan(0, Count);

    public ref readonly MatchingEvent this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return ref _items[index];
        }
    }

    public void Clear() => Count = 0;

    internal void Add(in MatchingEvent item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = item;
    }
}
