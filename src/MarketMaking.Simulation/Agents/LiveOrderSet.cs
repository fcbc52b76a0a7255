using MarketMaking.Core.Randomness;

namespace MarketMaking.Simulation.Agents;

/// <summary>
/// The ids of one agent family's resting orders, with O(1) add, remove and uniform random pick
/// (noise traders cancel a random order of theirs). No allocation once grown.
/// </summary>
internal sealed class LiveOrderSet
{
    private readonly Dictionary<long, int> _positions = new(1024);
    private long[] _ids = new long[1024];

    public int Count { get; private set; }

    public void Add(long id)
    {
        if (Count == _ids.Length)
        {
            Array.Resize(ref _ids, Count * 2);
        }

        _ids[Count] = id;
        _positions[id] = Count;
        Count++;
    }

    public bool Remove(long id)
    {
        if (!_positions.Remove(id, out int at))
        {
            return false;
        }

        // Swap the last id into the hole.
        long last = _ids[--Count];
        if (at != Count)
        {
            _ids[at] = last;
            _positions[last] = at;
        }

        return true;
    }

    public long Pick(ref ScalarRandom random) => _ids[random.NextInt(Count)];
}
