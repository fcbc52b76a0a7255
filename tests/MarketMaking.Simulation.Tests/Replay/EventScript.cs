using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;

namespace MarketMaking.Simulation.Tests.Replay;

/// <summary>
/// A hand-written market data stream: each message is stamped at the exchange at <c>exchangeMs</c>
/// and received <see cref="FeedLatencyMs"/> later; its last event ends the batch.
/// </summary>
internal sealed class EventScript : IMarketEventSource
{
    private readonly List<MarketEvent> _events = [];
    private int _read;

    public EventScript(double feedLatencyMs = 0)
    {
        FeedLatencyMs = feedLatencyMs;
    }

    public double FeedLatencyMs { get; }

    /// <summary>Tick 1, lot 1: prices and sizes in the script are ticks and lots.</summary>
    public Instrument Instrument { get; } = new("TEST", tickSize: 1, lotSize: 1);

    /// <summary>Every event of the script, in order.</summary>
    public IReadOnlyList<MarketEvent> Events => _events;

    public static long Ns(double ms) => (long)Math.Round(ms * 1_000_000);

    /// <summary>One message setting levels: (side, price, size)…</summary>
    public EventScript Book(double exchangeMs, params (Side Side, long Price, long Size)[] levels)
    {
        for (int i = 0; i < levels.Length; i++)
        {
            var (side, price, size) = levels[i];
            Add(exchangeMs, MarketEventKind.BookLevel, side, price, size, i == levels.Length - 1);
        }

        return this;
    }

    /// <summary>One message with a trade; side is the aggressor's.</summary>
    public EventScript Trade(double exchangeMs, Side aggressor, long price, long size) =>
        Add(exchangeMs, MarketEventKind.Trade, aggressor, price, size, endOfBatch: true);

    public int Read(Span<MarketEvent> buffer)
    {
        int n = Math.Min(buffer.Length, _events.Count - _read);
        for (int i = 0; i < n; i++)
        {
            buffer[i] = _events[_read + i];
        }

        _read += n;
        return n;
    }

    public void Dispose()
    {
    }

    private EventScript Add(double exchangeMs, MarketEventKind kind, Side side, long price, long size, bool endOfBatch)
    {
        _events.Add(new MarketEvent(Ns(exchangeMs), Ns(exchangeMs + FeedLatencyMs), kind, side, price, size, _events.Count, endOfBatch ? EventMarkers.EndOfBatch : EventMarkers.None));
        return this;
    }
}
