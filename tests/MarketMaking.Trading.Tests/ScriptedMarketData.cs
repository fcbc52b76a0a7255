using System.Runtime.CompilerServices;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Randomness;
using MarketMaking.Data.Bybit;
using MarketMaking.Trading.Venues;

namespace MarketMaking.Trading.Tests;

/// <summary>
/// A public market of our own making for tests: a seeded random L2 book (tick 0.1, lot 0.001)
/// whose messages are played one every <see cref="Pace"/>, then silence (the stream stays open).
/// </summary>
internal sealed class ScriptedMarketData : IMarketDataSource
{
    public ScriptedMarketData(IReadOnlyList<BybitFeedMessage> messages)
    {
        Messages = messages;
    }

    public string Name => "script";

    public string Endpoint => "script";

    public static VenueInstrument Instrument { get; } = new(new Instrument("TESTUSDT", 0.1, 0.001), 0.1m, 0.001m, 0.001m);

    public IReadOnlyList<BybitFeedMessage> Messages { get; }

    public TimeSpan Pace { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>After this many messages the market falls silent for <see cref="PauseFor"/> (never when negative).</summary>
    public int PauseAfter { get; init; } = -1;

    public TimeSpan PauseFor { get; init; }

    /// <summary>Messages played so far.</summary>
    public int Played { get; private set; }

    /// <summary>TESTUSDT; another symbol is refused as Bybit's client refuses a symbol the venue does not list.</summary>
    public Task<VenueInstrument> InstrumentAsync(string symbol, CancellationToken cancellationToken) =>
        symbol == Instrument.Instrument.Symbol
            ? Task.FromResult(Instrument)
            : Task.FromException<VenueInstrument>(new BybitApiException("GET /v5/market/instruments-info", null, $"no instrument {symbol} in category linear"));

    public async IAsyncEnumerable<BybitFeedMessage> StreamAsync(VenueInstrument instrument, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (BybitFeedMessage message in Messages)
        {
            await Task.Delay(Played == PauseAfter ? PauseFor : Pace, cancellationToken).ConfigureAwait(false);
            Played++;
            yield return message;
        }

        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public Task<long> ServerTimeAsync(CancellationToken cancellationToken) => Task.FromResult((DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100);

    /// <summary>
    /// A snapshot around 1000.0 then <paramref name="count"/> messages 10 ms apart: trades at the
    /// touch (sometimes through it), size changes near it, new levels inside the spread.
    /// </summary>
    public static List<BybitFeedMessage> RandomWalk(ulong seed, int count, long start = 1_700_000_000_000_000_000)
    {
        var random = new ScalarRandom(seed);
        var bids = new SortedDictionary<long, long>();
        var asks = new SortedDictionary<long, long>();
        var messages = new List<BybitFeedMessage>();
        var snapshot = new List<MarketEvent> { new(start, start, MarketEventKind.BookClear, Side.Buy, 0, 0, 1, EventMarkers.Snapshot) };
        for (int k = 1; k <= 10; k++)
        {
            bids[10000 - k] = 1000 + (100 * k);
            asks[10000 + k] = 1000 + (100 * k);
            snapshot.Add(new MarketEvent(start, start, MarketEventKind.BookLevel, Side.Buy, 10000 - k, 1000 + (100 * k), 1, EventMarkers.Snapshot));
            snapshot.Add(new MarketEvent(start, start, MarketEventKind.BookLevel, Side.Sell, 10000 + k, 1000 + (100 * k), 1, EventMarkers.Snapshot));
        }

        messages.Add(Book(snapshot, start));
        long update = 1;
        for (int m = 1; m <= count; m++)
        {
            long t = start + (m * 10_000_000L);
            long bestBid = bids.Keys.Max(), bestAsk = asks.Keys.Min();
            double r = random.NextUniform();
            var levels = new List<(Side Side, long Price, long Size)>();
            if (r < 0.3)
            {
                bool buyer = random.NextBool();
                SortedDictionary<long, long> book = buyer ? asks : bids;
                long best = buyer ? bestAsk : bestBid;
                long size = 200 + random.NextInt(1500);
                long price = best;
                if (size >= book[best])
                {
                    levels.Add((buyer ? Side.Sell : Side.Buy, best, 0));
                    book.Remove(best);
                    price = buyer ? asks.Keys.Min() : bids.Keys.Max();
                    size = Math.Min(size, book[price]);
                }

                messages.Add(new BybitFeedMessage
                {
                    Kind = BybitFeedMessageKind.Trades,
                    Topic = "publicTrade.TESTUSDT",
                    ExchangeTime = t,
                    LocalTime = t,
                    Events = [new MarketEvent(t, t, MarketEventKind.Trade, buyer ? Side.Buy : Side.Sell, price, size, m, EventMarkers.EndOfBatch)],
                });
                long left = book[price] - size;
                levels.Add((buyer ? Side.Sell : Side.Buy, price, Math.Max(left, 0)));
                if (left <= 0)
                {
                    book.Remove(price);
                }
            }
            else if (r < 0.75)
            {
                bool bid = random.NextBool();
                long price = bid ? bestBid - random.NextInt(4) : bestAsk + random.NextInt(4);
                long size = random.NextInt(3000);
                Set(bid ? bids : asks, price, size);
                levels.Add((bid ? Side.Buy : Side.Sell, price, size));
            }
            else if (bestAsk - bestBid > 1)
            {
                bool bid = random.NextBool();
                long price = bid ? bestBid + 1 : bestAsk - 1;
                long size = 100 + random.NextInt(800);
                Set(bid ? bids : asks, price, size);
                levels.Add((bid ? Side.Buy : Side.Sell, price, size));
            }

            Refill(bids, Side.Buy, levels);
            Refill(asks, Side.Sell, levels);
            if (levels.Count > 0)
            {
                update++;
                var events = levels.Select(l => new MarketEvent(t, t, MarketEventKind.BookLevel, l.Side, l.Price, l.Size, update, EventMarkers.None)).ToList();
                messages.Add(Book(events, t));
            }
        }

        return messages;
    }

    /// <summary>
    /// A book of ten levels a side around 1000.0 (best bid 999.9, best ask 1000.1), then
    /// <paramref name="count"/> messages 10 ms apart that change a deep bid's size, except where
    /// <paramref name="bidAt"/> names a message: there the level at 1000.0 (inside the spread) gets
    /// that size, 0 removing it. No trades: nothing fills.
    /// </summary>
    public static List<BybitFeedMessage> InsideBid(int count, IReadOnlyDictionary<int, long> bidAt, long start = 1_700_000_000_000_000_000) =>
        LevelChanges(Side.Buy, 10000, count, bidAt, start);

    /// <summary>As <see cref="InsideBid"/> with the level changed <paramref name="side"/>'s at <paramref name="ticks"/>.</summary>
    public static List<BybitFeedMessage> LevelChanges(Side side, long ticks, int count, IReadOnlyDictionary<int, long> sizeAt, long start = 1_700_000_000_000_000_000)
    {
        var snapshot = new List<MarketEvent> { new(start, start, MarketEventKind.BookClear, Side.Buy, 0, 0, 1, EventMarkers.Snapshot) };
        for (int k = 1; k <= 10; k++)
        {
            snapshot.Add(new MarketEvent(start, start, MarketEventKind.BookLevel, Side.Buy, 10000 - k, 1000, 1, EventMarkers.Snapshot));
            snapshot.Add(new MarketEvent(start, start, MarketEventKind.BookLevel, Side.Sell, 10000 + k, 1000, 1, EventMarkers.Snapshot));
        }

        var messages = new List<BybitFeedMessage> { Book(snapshot, start) };
        for (int m = 1; m <= count; m++)
        {
            long t = start + (m * 10_000_000L);
            MarketEvent level = sizeAt.TryGetValue(m, out long size)
                ? new MarketEvent(t, t, MarketEventKind.BookLevel, side, ticks, size, m + 1, EventMarkers.None)
                : new MarketEvent(t, t, MarketEventKind.BookLevel, Side.Buy, 9995, 1000 + (m % 2 * 100), m + 1, EventMarkers.None);
            messages.Add(Book([level], t));
        }

        return messages;
    }

    private static void Set(SortedDictionary<long, long> book, long price, long size)
    {
        if (size == 0)
        {
            book.Remove(price);
        }
        else
        {
            book[price] = size;
        }
    }

    private static void Refill(SortedDictionary<long, long> book, Side side, List<(Side, long, long)> levels)
    {
        while (book.Count < 5)
        {
            long price = side == Side.Buy ? book.Keys.Min() - 1 : book.Keys.Max() + 1;
            book[price] = 1500;
            levels.Add((side, price, 1500));
        }
    }

    private static BybitFeedMessage Book(List<MarketEvent> events, long time)
    {
        events[^1] = events[^1] with { Markers = events[^1].Markers | EventMarkers.EndOfBatch };
        return new BybitFeedMessage { Kind = BybitFeedMessageKind.OrderBook, Topic = "orderbook.50.TESTUSDT", ExchangeTime = time, LocalTime = time, Events = events };
    }
}
