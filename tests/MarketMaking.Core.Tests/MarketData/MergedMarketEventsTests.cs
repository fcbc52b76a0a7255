using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;

namespace MarketMaking.Core.Tests.MarketData;

public class MergedMarketEventsTests
{
    private static MarketEvent At(long local, long id, bool end = true) =>
        new(local, local, MarketEventKind.Trade, Side.Buy, 1, 1, id, end ? EventMarkers.EndOfBatch : EventMarkers.None);

    [Fact]
    public void SourcesInterleaveByLocalTimeWithTiesToTheFirstAndMessagesKeptWhole()
    {
        // Source 0 has a three-event message at t=5 that source 1's t=6 must not split even though
        // a small output buffer ends in its middle.
        MarketEvent[] a = [At(1, 10), At(5, 11, end: false), At(5, 12, end: false), At(7, 13), At(9, 14)];
        MarketEvent[] b = [At(1, 20), At(3, 21), At(6, 22), At(9, 23)];
        using var merged = new MergedMarketEvents([new ArraySource(a), new ArraySource(b)], bufferEvents: 2);
        var ids = new List<long>();
        var tags = new List<int>();
        var events = new MarketEvent[2];
        var sources = new int[2];
        int n;
        while ((n = merged.Read(events, sources)) > 0)
        {
            ids.AddRange(events.Take(n).Select(e => e.Id));
            tags.AddRange(sources.Take(n));
        }

        Assert.Equal([10L, 20, 21, 11, 12, 13, 22, 14, 23], ids);
        Assert.Equal([0, 1, 1, 0, 0, 0, 1, 0, 1], tags);
    }

    private sealed class ArraySource(MarketEvent[] events) : IMarketEventSource
    {
        private int _next;

        public Instrument Instrument { get; } = new("X", 1, 1);

        public int Read(Span<MarketEvent> buffer)
        {
            int n = Math.Min(buffer.Length, events.Length - _next);
            events.AsSpan(_next, n).CopyTo(buffer);
            _next += n;
            return n;
        }

        public void Dispose()
        {
        }
    }
}
