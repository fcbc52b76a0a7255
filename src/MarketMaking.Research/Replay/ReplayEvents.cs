using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Data.Files;

namespace MarketMaking.Research.Replay;

/// <summary>
/// An L2 data file read once into memory, so a sweep replays the same parsed events for every
/// point (and every walk-forward window) instead of decompressing and parsing the file again.
/// Events keep the reader's local-time order; a window is a prefix of them.
/// </summary>
public sealed class ReplayEvents
{
    private readonly MarketEvent[] _events;

    private ReplayEvents(MarketEvent[] events, Instrument instrument)
    {
        _events = events;
        Instrument = instrument;
    }

    /// <summary>The instrument of the data (ticks and lots as read or given).</summary>
    public Instrument Instrument { get; }

    /// <summary>Local time of the first event (ns).</summary>
    public long First => _events[0].LocalTime;

    /// <summary>Local time of the last event (ns).</summary>
    public long Last => _events[^1].LocalTime;

    /// <summary>Reads every event of an L2 data file (any format <see cref="MarketDataFormats"/> reads that is not bars).</summary>
    /// <exception cref="InvalidParameterException">The file does not exist.</exception>
    /// <exception cref="InsufficientDataException">The file holds no market events.</exception>
    public static ReplayEvents Load(string path, string format, MarketDataOptions options)
    {
        if (!File.Exists(path))
        {
            throw new InvalidParameterException("data", $"file not found: {path}");
        }

        using MarketDataReader reader = MarketDataFormats.Open(path, format, options);
        var buffer = new MarketEvent[1 << 16];
        var events = new List<MarketEvent>(1 << 16);
        int count;
        while ((count = reader.Read(buffer)) > 0)
        {
            events.AddRange(buffer.AsSpan(0, count));
        }

        return events.Count > 0
            ? new ReplayEvents([.. events], reader.Instrument)
            : throw new InsufficientDataException($"{path}: no market events");
    }

    /// <summary>Events already in memory, in local-time order (hand-made sequences, or a day with one event changed).</summary>
    internal static ReplayEvents Of(MarketEvent[] events, Instrument instrument) =>
        events.Length > 0 ? new ReplayEvents(events, instrument) : throw new InsufficientDataException("no market events");

    /// <summary>A copy of every event (to change one and replay again).</summary>
    internal MarketEvent[] ToArray() => [.. _events];

    /// <summary>The events from the start of the data up to (not including) local time <paramref name="end"/>; all of them by default.</summary>
    public IMarketEventSource Source(long end = long.MaxValue) => new ArraySource(_events, 0, IndexAt(end), Instrument);

    /// <summary>The events of local time [<paramref name="start"/>, <paramref name="end"/>) only (e.g. one session of a day).</summary>
    public IMarketEventSource Source(long start, long end) => new ArraySource(_events, IndexAt(start), Math.Max(IndexAt(start), IndexAt(end)), Instrument);

    /// <summary>Whether a whole message (a batch's last event) lands in local time [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public bool HasMessageIn(long from, long to)
    {
        for (int i = IndexAt(from); i < _events.Length && _events[i].LocalTime < to; i++)
        {
            if (_events[i].IsEndOfBatch)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The index of the first event at or after local time <paramref name="time"/> (binary search: events are in local-time order).</summary>
    private int IndexAt(long time)
    {
        int low = 0, high = _events.Length;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            (low, high) = _events[middle].LocalTime < time ? (middle + 1, high) : (low, middle);
        }

        return low;
    }

    /// <summary>A read-only cursor over a range of the shared array: one per run, so runs can go in parallel.</summary>
    private sealed class ArraySource(MarketEvent[] events, int start, int end, Instrument instrument) : IMarketEventSource
    {
        private int _next = start;

        public Instrument Instrument => instrument;

        public int Read(Span<MarketEvent> buffer)
        {
            int n = Math.Min(buffer.Length, end - _next);
            events.AsSpan(_next, n).CopyTo(buffer);
            _next += n;
            return n;
        }

        public void Dispose()
        {
        }
    }
}
