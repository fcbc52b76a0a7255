using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Data.Files;

namespace MarketMaking.Cli.Tuning;

/// <summary>
/// An L2 data file read once into memory, so a sweep replays the same parsed events for every
/// point (and every walk-forward window) instead of decompressing and parsing the file again.
/// Events keep the reader's local-time order; a window is a prefix of them.
/// </summary>
internal sealed class ReplayEvents
{
    private ReplayEvents(MarketEvent[] events, Instrument instrument)
    {
        Events = events;
        Instrument = instrument;
    }

    public MarketEvent[] Events { get; }

    public Instrument Instrument { get; }

    /// <summary>Local time of the first event (ns).</summary>
    public long First => Events[0].LocalTime;

    /// <summary>Local time of the last event (ns).</summary>
    public long Last => Events[^1].LocalTime;

    public static ReplayEvents Load(string path, string format, MarketDataOptions options)
    {
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

    /// <summary>The events from the start of the data up to (not including) local time <paramref name="end"/>; all of them by default.</summary>
    public IMarketEventSource Source(long end = long.MaxValue)
    {
        // Events are in local-time order: the prefix ends at the first event at or after the end.
        int low = 0, high = Events.Length;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            (low, high) = Events[middle].LocalTime < end ? (middle + 1, high) : (low, middle);
        }

        return new ArraySource(Events, low, Instrument);
    }

    /// <summary>A read-only cursor over a prefix of the shared array: one per run, so runs can go in parallel.</summary>
    private sealed class ArraySource(MarketEvent[] events, int count, Instrument instrument) : IMarketEventSource
    {
        private int _next;

        public Instrument Instrument => instrument;

        public int Read(Span<MarketEvent> buffer)
        {
            int n = Math.Min(buffer.Length, count - _next);
            events.AsSpan(_next, n).CopyTo(buffer);
            _next += n;
            return n;
        }

        public void Dispose()
        {
        }
    }
}
