using MarketMaking.Core.Instruments;

namespace MarketMaking.Core.MarketData;

/// <summary>
/// Several sources that share a clock merged into one stream by local receive time (a k-way merge
/// over each source's next message), every event tagged with the index of its source. A message (the
/// events up to an end-of-batch marker) is never split by another source's events, so each book
/// stays consistent at every message boundary; at equal times the source listed first goes first.
/// </summary>
public sealed class MergedMarketEvents : IDisposable
{
    private readonly IMarketEventSource[] _sources;
    private readonly MarketEvent[][] _buffers;
    private readonly int[] _positions;
    private readonly int[] _counts;
    private readonly bool[] _ended;
    private int _open = -1; // the source whose message is being copied, −1 between messages

    public MergedMarketEvents(IReadOnlyList<IMarketEventSource> sources, int bufferEvents = 4096)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfLessThan(sources.Count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferEvents, 1);
        _sources = [.. sources];
        _buffers = [.. _sources.Select(_ => new MarketEvent[bufferEvents])];
        _positions = new int[_sources.Length];
        _counts = new int[_sources.Length];
        _ended = new bool[_sources.Length];
        Instruments = [.. _sources.Select(s => s.Instrument)];
    }

    /// <summary>The instrument of each source, by index.</summary>
    public IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>
    /// Fills <paramref name="events"/> and, at the same positions, <paramref name="sources"/> with the
    /// index of each event's source; returns how many (0 at the end of every source).
    /// </summary>
    public int Read(Span<MarketEvent> events, Span<int> sources)
    {
        int capacity = Math.Min(events.Length, sources.Length);
        int written = 0;
        while (written < capacity)
        {
            int s = _open >= 0 ? _open : Earliest();
            if (s < 0)
            {
                break;
            }

            MarketEvent[] buffer = _buffers[s];
            _open = s;
            while (written < capacity)
            {
                if (_positions[s] == _counts[s] && !Refill(s))
                {
                    _open = -1; // a source that ends mid-message ends its message
                    break;
                }

                MarketEvent e = buffer[_positions[s]++];
                events[written] = e;
                sources[written++] = s;
                if (e.IsEndOfBatch)
                {
                    _open = -1;
                    break;
                }
            }
        }

        return written;
    }

    public void Dispose()
    {
        foreach (IMarketEventSource source in _sources)
        {
            source.Dispose();
        }
    }

    /// <summary>The source whose next event has the earliest local time; −1 when all have ended.</summary>
    private int Earliest()
    {
        int best = -1;
        long bestTime = long.MaxValue;
        for (int s = 0; s < _sources.Length; s++)
        {
            if (_positions[s] == _counts[s] && !Refill(s))
            {
                continue;
            }

            long time = _buffers[s][_positions[s]].LocalTime;
            if (best < 0 || time < bestTime)
            {
                best = s;
                bestTime = time;
            }
        }

        return best;
    }

    private bool Refill(int s)
    {
        if (_ended[s])
        {
            return false;
        }

        _positions[s] = 0;
        _counts[s] = _sources[s].Read(_buffers[s]);
        _ended[s] = _counts[s] == 0;
        return !_ended[s];
    }
}
