using System.Globalization;
using System.Text.Json;
using MarketMaking.Core.Books;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;
using MarketMaking.Data.Files;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Simulation.Matching;
using MarketMaking.Venue.Markets;

namespace MarketMaking.Venue.Tests;

/// <summary>
/// The replay venue over several recordings that share a clock: merged by receive time, each
/// instrument its own book, public data and shadow queues, every one as its recording alone gives.
/// </summary>
public sealed class SeveralRecordingsTests
{
    private static readonly Instrument Ticks = new("TEST", 1, 1);

    [Fact]
    public void RecordingsAreReplayedInReceiveOrderEachInItsOwnBook()
    {
        // A: a book (100 / 101) at 0 s, sells of 7 at 100 at 1 s and 3 at 99 at 2 s.
        // B: a book (200 / 201) at 0.5 s, a sell of 9 at 200 at 1.5 s.
        MarketEvent[] a =
        [
            new(0, 0, MarketEventKind.BookLevel, Side.Buy, 100, 5, 1, EventMarkers.None),
            new(0, 0, MarketEventKind.BookLevel, Side.Sell, 101, 5, 1, EventMarkers.EndOfBatch),
            new(1_000_000_000, 1_000_000_000, MarketEventKind.Trade, Side.Sell, 100, 7, 2, EventMarkers.EndOfBatch),
            new(2_000_000_000, 2_000_000_000, MarketEventKind.Trade, Side.Sell, 99, 3, 3, EventMarkers.EndOfBatch),
        ];
        MarketEvent[] b =
        [
            new(500_000_000, 500_000_000, MarketEventKind.BookLevel, Side.Buy, 200, 4, 1, EventMarkers.None),
            new(500_000_000, 500_000_000, MarketEventKind.BookLevel, Side.Sell, 201, 4, 1, EventMarkers.EndOfBatch),
            new(1_500_000_000, 1_500_000_000, MarketEventKind.Trade, Side.Sell, 200, 9, 2, EventMarkers.EndOfBatch),
        ];
        IReadOnlyList<ReplayVenueMarket> markets = Merge(new ArraySource(a, Ticks), new ArraySource(b, Ticks));
        var log = new List<(int Market, VenueMarketEventKind Kind, long Price, long Size, double Time)>();
        for (int i = 0; i < markets.Count; i++)
        {
            markets[i].Sink = new Log(log, i);
        }

        markets[0].AdvanceTo(0.25);
        Assert.Equal((2L, 0L), (markets[0].Replayed, markets[1].Replayed));
        Assert.Equal(100L, markets[0].Book.Best(Side.Buy).Price);
        Assert.True(markets[1].Book.Best(Side.Buy).IsEmpty);

        markets[1].AdvanceTo(0.75); // either market advances the one clock
        Assert.Equal((0.75, 0.75), (markets[0].Time, markets[1].Time));
        Assert.Equal((200L, 201L), (markets[1].Book.Best(Side.Buy).Price, markets[1].Book.Best(Side.Sell).Price));
        Assert.Equal((100L, 101L), (markets[0].Book.Best(Side.Buy).Price, markets[0].Book.Best(Side.Sell).Price));
        long bidA = markets[0].Submit(Side.Buy, OrderType.PostOnly, 100, 4); // behind 5: the sell of 7 fills 2
        long bidB = markets[1].Submit(Side.Buy, OrderType.PostOnly, 200, 4); // behind 4: the sell of 9 fills all 4
        log.Clear();

        markets[0].AdvanceTo(2.5);

        // One advance, the three trades in receive order across the two markets, each filling its own book's order.
        Assert.Equal(
            [
                (0, VenueMarketEventKind.PublicTrade, 100L, 7L), (0, VenueMarketEventKind.Fill, 100L, 2L),
                (1, VenueMarketEventKind.PublicTrade, 200L, 9L), (1, VenueMarketEventKind.Fill, 200L, 4L),
                (0, VenueMarketEventKind.PublicTrade, 99L, 3L), (0, VenueMarketEventKind.Fill, 100L, 2L),
            ],
            log.Select(e => (e.Market, e.Kind, e.Price, e.Size)));
        Assert.All(log, e => Assert.Equal(2.5, e.Time));
        Assert.Equal((bidA, bidB), (1L, 1L)); // ids are each market's own
        Assert.True(markets[0].IsFinished && markets[1].IsFinished);
    }

    [SharedDataFact]
    public void AnOrderInEachInstrumentRestsAndFillsAsItsRecordingAloneWouldGive()
    {
        (IReadOnlyList<ReplayVenueMarket> merged, (MarketEvent[] Events, Instrument Instrument)[] alone) = BtcAndEth();
        (MarketEvent[] btc, Instrument btcInstrument) = alone[0];
        (MarketEvent[] eth, Instrument ethInstrument) = alone[1];
        long origin = Math.Min(btc[0].LocalTime, eth[0].LocalTime);
        MarketEvent[][] recordings = [btc, eth];
        Instrument[] instruments = [btcInstrument, ethInstrument];
        var mergedSinks = merged.Select(m => m.Sink = new Steps()).Cast<Steps>().ToArray();

        // Each instrument quotes at its own moments (every 30 s from 60 s and 75 s into its
        // recording); the merged clock reads each recording's time shifted by where it starts.
        double[][] moments = [[60, 90, 120, 150, 180], [75, 105, 135, 165, 195]];
        double[] offset = [.. recordings.Select(r => (r[0].LocalTime - origin) / 1e9)];
        double[][] shifted = [.. moments.Select((m, i) => m.Select(t => t + offset[i]).ToArray())];
        double end = 240;
        foreach (double t in Grid(end, [.. shifted[0], .. shifted[1]]))
        {
            merged[0].AdvanceTo(t);
            for (int i = 0; i < 2; i++)
            {
                if (shifted[i].Contains(t))
                {
                    Quote(merged[i]);
                }
            }
        }

        for (int i = 0; i < 2; i++)
        {
            var single = new ReplayVenueMarket(recordings[i], instruments[i], new RiskAverseQueueModel());
            var sink = new Steps();
            single.Sink = sink;
            foreach (double t in Grid(end - offset[i], moments[i]))
            {
                single.AdvanceTo(t);
                if (moments[i].Contains(t))
                {
                    Quote(single);
                }
            }

            List<VenueMarketEvent> expected = [.. sink.Events.Where(e => e.Kind != VenueMarketEventKind.PublicTrade)];
            List<VenueMarketEvent> actual = [.. mergedSinks[i].Events.Where(e => e.Kind != VenueMarketEventKind.PublicTrade)];
            Assert.True(expected.Count(e => e.Kind == VenueMarketEventKind.Fill) >= 3, $"{instruments[i].Symbol}: {expected.Count(e => e.Kind == VenueMarketEventKind.Fill)} fills alone: the comparison needs some");
            Assert.Equal(Describe(expected), Describe(actual));
            Assert.Equal(single.Replayed, merged[i].Replayed);
        }
    }

    [SharedDataFact]
    public async Task MidRunEachSymbolsRestBookIsItsOwnRecordingsBook()
    {
        (IReadOnlyList<ReplayVenueMarket> markets, (MarketEvent[] Events, Instrument Instrument)[] alone) = BtcAndEth();
        await using LocalVenue venue = await LocalVenue.StartAsync([(Symbols[0], markets[0]), (Symbols[1], markets[1])], new VenueSettings { Speed = 5 });
        await Task.Delay(1000);

        var (replayed, answers) = await venue.OnMarketThread(() => (markets.Select(m => m.Replayed).ToArray(), Symbols.Select(s => venue.PublicDataOf(s).OrderBook(50)).ToArray()));

        for (int i = 0; i < 2; i++)
        {
            Assert.True(replayed[i] > 500, $"{Symbols[i]}: {replayed[i]} events replayed in 1 s at speed 5");
            AssertBook(Rebuild(alone[i].Events.AsSpan(0, (int)replayed[i])), alone[i].Instrument, Result(answers[i]));
        }

        // Every symbol is listed with its own grid.
        using JsonDocument listed = JsonDocument.Parse(await Http.GetAsync(venue, "v5/market/instruments-info?category=linear"));
        var grids = listed.RootElement.GetProperty("result").GetProperty("list").EnumerateArray()
            .Select(e => (e.GetProperty("symbol").GetString(), decimal.Parse(e.GetProperty("priceFilter").GetProperty("tickSize").GetString()!, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal([("BTCUSDT", (decimal)alone[0].Instrument.TickSize), ("ETHUSDT", (decimal)alone[1].Instrument.TickSize)], grids);
    }

    [SharedDataFact]
    public async Task AtTheEndEachSymbolsRestAndStreamSnapshotsAreItsOwnRecordingsFinalBook()
    {
        (IReadOnlyList<ReplayVenueMarket> markets, (MarketEvent[] Events, Instrument Instrument)[] alone) = BtcAndEth();
        await using LocalVenue venue = await LocalVenue.StartAsync([(Symbols[0], markets[0]), (Symbols[1], markets[1])], new VenueSettings { Speed = 2000 });
        for (int wait = 0; wait < 300 && !await venue.OnMarketThread(() => markets.All(m => m.IsFinished)); wait++)
        {
            await Task.Delay(100);
        }

        for (int i = 0; i < 2; i++)
        {
            OrderBook final = Rebuild(alone[i].Events);
            using JsonDocument rest = JsonDocument.Parse(await Http.GetAsync(venue, $"v5/market/orderbook?category=linear&symbol={Symbols[i]}&limit=50"));
            AssertBook(final, alone[i].Instrument, rest.RootElement.GetProperty("result"));

            var feed = new BybitMarketFeed(BybitCategory.Linear, alone[i].Instrument, [BybitTopics.OrderBook(50, Symbols[i])], new BybitFeedOptions { BaseUrl = venue.Environment.PublicStreamBaseUrl });
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var streamed = new OrderBook();
            await foreach (BybitFeedMessage message in feed.ReadAsync(timeout.Token))
            {
                if (message.Kind == BybitFeedMessageKind.OrderBook && message.IsSnapshot)
                {
                    foreach (MarketEvent e in message.Events)
                    {
                        streamed.Apply(in e);
                    }

                    break;
                }
            }

            foreach (Side side in new[] { Side.Buy, Side.Sell })
            {
                Assert.Equal(Math.Min(50, final.LevelCount(side)), streamed.LevelCount(side));
                for (int k = 0; k < streamed.LevelCount(side); k++)
                {
                    Assert.Equal(final.Level(side, k), streamed.Level(side, k));
                }
            }
        }
    }

    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT"];

    /// <summary>The BTC and ETH USD-M recordings as one merged replay, and each read alone.</summary>
    private static (IReadOnlyList<ReplayVenueMarket> Markets, (MarketEvent[] Events, Instrument Instrument)[] Alone) BtcAndEth()
    {
        (MarketEvent[] Events, Instrument Instrument)[] alone =
        [
            ReplayVenueMarket.Read(MarketDataFormats.Open(SharedData.BinanceUsdm, "binance-usdm")),
            ReplayVenueMarket.Read(MarketDataFormats.Open(SharedData.BinanceUsdmEth, "binance-usdm")),
        ];
        using var merged = new MergedMarketEvents([MarketDataFormats.Open(SharedData.BinanceUsdm, "binance-usdm"), MarketDataFormats.Open(SharedData.BinanceUsdmEth, "binance-usdm")]);
        (MarketEvent[] events, int[] sources, IReadOnlyList<Instrument> instruments) = ReplayVenueMarket.Read(merged);
        return (ReplayVenueMarket.Several(events, sources, instruments, () => new RiskAverseQueueModel()), alone);
    }

    private static IReadOnlyList<ReplayVenueMarket> Merge(params IMarketEventSource[] sources)
    {
        using var merged = new MergedMarketEvents(sources);
        (MarketEvent[] events, int[] indices, IReadOnlyList<Instrument> instruments) = ReplayVenueMarket.Read(merged);
        return ReplayVenueMarket.Several(events, indices, instruments, () => new RiskAverseQueueModel());
    }

    /// <summary>Every 0.5 s up to <paramref name="end"/>, the given moments and the end itself, in order.</summary>
    private static IEnumerable<double> Grid(double end, double[] moments) =>
        Enumerable.Range(1, (int)(end * 2)).Select(k => k * 0.5).Concat(moments).Append(end).Distinct().Order();

    /// <summary>A post-only bid and ask of one lot at the touch.</summary>
    private static void Quote(ReplayVenueMarket market)
    {
        market.Submit(Side.Buy, OrderType.PostOnly, market.Book.Best(Side.Buy).Price, 1);
        market.Submit(Side.Sell, OrderType.PostOnly, market.Book.Best(Side.Sell).Price, 1);
    }

    private static List<string> Describe(List<VenueMarketEvent> events) =>
        [.. events.Select(e => $"{e.Kind} {e.OrderId} {e.Side} {e.Price} {e.Size} {e.IsMaker} {e.CancelReason} {e.RejectReason}")];

    private static OrderBook Rebuild(ReadOnlySpan<MarketEvent> events)
    {
        var book = new OrderBook();
        foreach (ref readonly MarketEvent e in events)
        {
            book.Apply(in e);
        }

        return book;
    }

    private static JsonElement Result(byte[] answer) => JsonDocument.Parse(answer).RootElement.GetProperty("result").Clone();

    /// <summary>Every level of the answer's 50 a side is the rebuilt book's, in price and size.</summary>
    private static void AssertBook(OrderBook book, Instrument instrument, JsonElement result)
    {
        foreach ((Side side, string key) in new[] { (Side.Buy, "b"), (Side.Sell, "a") })
        {
            JsonElement levels = result.GetProperty(key);
            Assert.Equal(Math.Min(50, book.LevelCount(side)), levels.GetArrayLength());
            for (int k = 0; k < levels.GetArrayLength(); k++)
            {
                BookLevel level = book.Level(side, k);
                Assert.Equal(level.Price * (decimal)instrument.TickSize, decimal.Parse(levels[k][0].GetString()!, CultureInfo.InvariantCulture));
                Assert.Equal(level.Size * (decimal)instrument.LotSize, decimal.Parse(levels[k][1].GetString()!, CultureInfo.InvariantCulture));
            }
        }
    }

    private sealed class ArraySource(MarketEvent[] events, Instrument instrument) : IMarketEventSource
    {
        private int _next;

        public Instrument Instrument => instrument;

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

    private sealed class Steps : IVenueMarketSink
    {
        public List<VenueMarketEvent> Events { get; } = [];

        public void OnStep(ReadOnlySpan<VenueMarketEvent> events, double time) => Events.AddRange(events);
    }

    private sealed class Log(List<(int, VenueMarketEventKind, long, long, double)> log, int market) : IVenueMarketSink
    {
        public void OnStep(ReadOnlySpan<VenueMarketEvent> events, double time)
        {
            foreach (VenueMarketEvent e in events)
            {
                log.Add((market, e.Kind, e.Price, e.Size, time));
            }
        }
    }
}
