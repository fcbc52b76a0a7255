using MarketMaking.Core.Books;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Files;
using static MarketMaking.Data.Tests.Files.BinanceLines;

namespace MarketMaking.Data.Tests.Files;

public sealed class BinanceUsdmReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [SharedDataFact]
    public void SampleHasTheCountsTheReadmeStates()
    {
        using var reader = new BinanceUsdmReader(SharedData.BinanceUsdm);
        List<MarketEvent> events = Events.ReadAll(reader, 4096);

        Assert.Equal("BTCUSDT", reader.Instrument.Symbol);
        Assert.Equal(0.01, reader.Instrument.TickSize); // "61800.20": two decimals written, a finer grid than Binance's 0.1
        Assert.Equal(0.001, reader.Instrument.LotSize);
        Assert.Equal(21_313, events.Count(e => e.Kind == MarketEventKind.Trade));
        Assert.Equal(2 * 66_089, events.Count(e => e.Kind == MarketEventKind.BestQuote));
        Assert.Equal(66_089, events.Count(e => e.Kind == MarketEventKind.BestQuote && e.IsEndOfBatch));

        // 6,551 updates: the 4 that end before the snapshot's lastUpdateId are dropped, 6,547 applied.
        Assert.Equal(6_547, events.Count(e => e.Kind == MarketEventKind.BookLevel && e.IsEndOfBatch && (e.Markers & EventMarkers.Snapshot) == 0));
        Assert.Equal(4, reader.UnappliedUpdates);
        Assert.Equal(0, reader.BadRows.Total);
        Assert.Single(events, e => e.Kind == MarketEventKind.BookClear);
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.LocalTime <= p.Second.LocalTime), "local time must never go back");
    }

    [SharedDataFact]
    public void SampleFirstMessagesReadAsTheFileWritesThem()
    {
        using var reader = new BinanceUsdmReader(SharedData.BinanceUsdm);
        List<MarketEvent> events = Events.ReadAll(reader, 4096);

        // Line 2: bookTicker u=5123107839020, b 61800.20 × 2.507, a 61800.30 × 2.510.
        Assert.Equal(new MarketEvent(1_723_161_256_313_000_000, 1_723_161_255_088_169_167, MarketEventKind.BestQuote, Side.Buy, 6_180_020, 2_507, 5_123_107_839_020, EventMarkers.None), events[0]);
        Assert.Equal(new MarketEvent(1_723_161_256_313_000_000, 1_723_161_255_088_169_167, MarketEventKind.BestQuote, Side.Sell, 6_180_030, 2_510, 5_123_107_839_020, EventMarkers.EndOfBatch), events[1]);

        // Line 3: trade t=5266583935 at 61800.30 × 0.006, m=false: the buyer took the ask.
        Assert.Equal(new MarketEvent(1_723_161_256_322_000_000, 1_723_161_255_088_176_367, MarketEventKind.Trade, Side.Buy, 6_180_030, 6, 5_266_583_935, EventMarkers.EndOfBatch), events[2]);

        // Line 55: the REST snapshot (lastUpdateId 5123107852948), best bid 61800.20 × 2.909, best ask 61800.30 × 1.072.
        int clear = events.FindIndex(e => e.Kind == MarketEventKind.BookClear);
        Assert.Equal(5_123_107_852_948, events[clear].Id);
        Assert.Equal(EventMarkers.Snapshot, events[clear].Markers);
        var book = new OrderBook();
        int end = clear;
        for (; !events[end].IsEndOfBatch; end++)
        {
            book.Apply(events[end]);
        }

        book.Apply(events[end]);
        Assert.Equal(2001, end - clear + 1);
        Assert.Equal(new BookLevel(6_180_020, 2_909), book.Best(Side.Buy));
        Assert.Equal(new BookLevel(6_180_030, 1_072), book.Best(Side.Sell));

        // The held updates of lines 42 and 50 follow at the snapshot's local time, in their order.
        Assert.Equal(5_123_107_853_551, events[end + 1].Id);
        Assert.Equal(events[clear].LocalTime, events[end + 1].LocalTime);
        Assert.Contains(events.Skip(end + 1), e => e.Id == 5_123_107_856_210);
    }

    [SharedDataFact]
    public void ExchangeGridGivenAsAnInstrumentReadsTheSameBook()
    {
        var options = new MarketDataOptions { TickSize = 0.1, LotSize = 0.001, Symbol = "BTCUSDT-PERP" };
        using var reader = new BinanceUsdmReader(SharedData.BinanceUsdm, options);
        List<MarketEvent> events = Events.ReadAll(reader, 4096);

        Assert.Equal(new Instrument("BTCUSDT-PERP", 0.1, 0.001), reader.Instrument);
        Assert.Equal(618_002, events[0].Price);
        Assert.Equal(6_547 + 1, events.Count(e => e.Kind == MarketEventKind.BookLevel && e.IsEndOfBatch));
    }

    [SharedDataFact]
    public void ATooCoarseGivenTickStopsAtTheFirstOffGridPrice()
    {
        using var reader = new BinanceUsdmReader(SharedData.BinanceUsdm, new MarketDataOptions { TickSize = 1, LotSize = 0.001 });
        var e = Assert.Throws<DataFormatException>(() => Events.ReadAll(reader));

        Assert.Equal(SharedData.BinanceUsdm, e.File);
        Assert.Equal(1, e.Line);
        Assert.Equal("b", e.Field);
        Assert.Contains("not a whole number of ticks of 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UpdatesBeforeTheSnapshotAreHeldAndReplayedAtItsLocalTime()
    {
        string path = _temp.Write(
            "dump.txt",
            Depth(10, 1, 5, 0, Level("100.0", "1"), ""),
            Depth(20, 6, 10, 5, Level("100.0", "2"), ""),
            Trade(25, 77, "100.1", "0.5", buyerIsMaker: true),
            Snapshot(30, 7, Level("100.0", "1.5") + "," + Level("99.9", "3"), Level("100.1", "4")),
            Depth(40, 11, 12, 10, "", Level("100.1", "0") + "," + Level("100.2", "1")));
        using var reader = new BinanceUsdmReader(path, Options());
        List<MarketEvent> events = Events.ReadAll(reader);

        Assert.Equal(new MarketEvent(25_000_000, 25, MarketEventKind.Trade, Side.Sell, 1001, 500, 77, EventMarkers.EndOfBatch), events[0]);
        Assert.Equal(MarketEventKind.BookClear, events[1].Kind);
        Assert.Equal([(1000L, 1500L), (999L, 3000L), (1001L, 4000L)], events.Skip(2).Take(3).Select(e => (e.Price, e.Size)));
        Assert.Equal(new MarketEvent(20_000_000, 30, MarketEventKind.BookLevel, Side.Buy, 1000, 2000, 10, EventMarkers.EndOfBatch), events[5]);
        Assert.Equal(new MarketEvent(40_000_000, 40, MarketEventKind.BookLevel, Side.Sell, 1002, 1000, 12, EventMarkers.EndOfBatch), events[^1]);
        Assert.Equal(8, events.Count);
        Assert.Equal(1, reader.UnappliedUpdates);
    }

    [Fact]
    public void OtherStreamsAndControlMessagesAreIgnored()
    {
        string path = _temp.Write(
            "other.txt",
            """5 {"result":null,"id":1}""",
            """6 {"stream":"btcusdt@markPrice","data":{"e":"markPriceUpdate","E":1,"s":"BTCUSDT","p":"61800.12345678","r":"0.0001"}}""",
            Trade(7, 1, "100.1", "0.5", buyerIsMaker: false));
        using var reader = new BinanceUsdmReader(path);

        Assert.Single(Events.ReadAll(reader));
        Assert.Equal(new Instrument("BTCUSDT", 0.1, 0.1), reader.Instrument);
    }

    [Fact]
    public void ASequenceGapStopsWithFileLineAndField()
    {
        string path = _temp.Write(
            "gap.txt",
            Snapshot(10, 100, Level("100.0", "1"), Level("100.1", "1")),
            Depth(20, 99, 101, 98, Level("100.0", "2"), ""),
            Depth(30, 105, 106, 104, Level("100.0", "3"), ""));
        using var reader = new BinanceUsdmReader(path, Options());

        var e = Assert.Throws<DataFormatException>(() => Events.ReadAll(reader));
        Assert.Equal((path, 3L, "pu"), (e.File, e.Line, e.Field));
        Assert.StartsWith($"{path}:3: pu: pu=104 is not the previous update's u=101", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASequenceGapUnderSkipClearsTheBookUntilTheNextSnapshot()
    {
        string path = _temp.Write(
            "gap.txt",
            Snapshot(10, 100, Level("100.0", "1"), Level("100.1", "1")),
            Depth(20, 99, 101, 98, Level("100.0", "2"), ""),
            Depth(30, 105, 106, 104, Level("100.0", "3"), ""),
            Trade(35, 1, "100.1", "1", buyerIsMaker: false),
            Depth(40, 107, 110, 106, Level("99.9", "5"), ""),
            Snapshot(50, 108, Level("100.0", "7"), Level("100.2", "1")),
            Depth(60, 111, 112, 110, "", Level("100.2", "2")));
        using var reader = new BinanceUsdmReader(path, Options(BadRowPolicy.Skip));
        List<MarketEvent> events = Events.ReadAll(reader);

        Assert.Equal(1, reader.BadRows[BadRowReason.SequenceGap]);
        Assert.Equal(1, reader.BadRows.Total);
        var book = new OrderBook();
        var seen = new List<string>();
        foreach (MarketEvent e in events)
        {
            book.Apply(e);
            if (e.IsEndOfBatch)
            {
                seen.Add($"{e.Kind}@{e.LocalTime}:{book.Best(Side.Buy).Size}/{book.Best(Side.Sell).Size}");
            }
        }

        // Update 101 applies; 106 breaks the chain: the book is cleared, 106 is held, the trade flows,
        // 110 follows 106 and is held; snapshot 108 then accepts 110 (U 107 ≤ 108 ≤ u 110) and 112.
        Assert.Equal(
            ["BookLevel@10:1000/1000", "BookLevel@20:2000/1000", "BookClear@30:0/0", "Trade@35:0/0", "BookLevel@50:7000/1000", "BookLevel@50:7000/1000", "BookLevel@60:7000/2000"],
            seen);
        Assert.Equal(5000, book.SizeAt(Side.Buy, 999));
        Assert.Equal(1, reader.UnappliedUpdates); // 106, older than snapshot 108
    }

    public static TheoryData<string, string, BadRowReason, string> BadLines => new()
    {
        { "unparsable price", Depth(20, 99, 101, 98, Level("1O0.0", "2"), ""), BadRowReason.UnparsableNumber, "b" },
        { "negative size", Trade(20, 5, "100.0", "-1", buyerIsMaker: false), BadRowReason.NegativeSize, "q" },
        { "time going backwards", Trade(5, 5, "100.0", "1", buyerIsMaker: false), BadRowReason.TimeWentBackwards, "local_time" },
        { "crossed book", Depth(20, 99, 101, 98, Level("100.2", "2"), ""), BadRowReason.CrossedBook, "b/a" },
        { "sequence gap", Depth(20, 102, 103, 101, Level("100.0", "2"), ""), BadRowReason.SequenceGap, "U" },
        { "bad json", "20 {\"stream\":\"btcusdt@trade\",\"data\":{", BadRowReason.Malformed, "json" },
        { "missing field", "20 {\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1,\"p\":\"1\"}}", BadRowReason.Malformed, "json" },
        { "unparsable local time", "2x0 " + Trade(20, 5, "100.0", "1", buyerIsMaker: false)[3..], BadRowReason.UnparsableNumber, "local_time" },
        { "off-grid price", Trade(20, 5, "100.05", "1", buyerIsMaker: false), BadRowReason.OffGrid, "p" },
        { "negative depth price", Depth(20, 99, 101, 98, Level("-61800.00", "2"), ""), BadRowReason.NonPositivePrice, "b" },
        { "zero depth price", Depth(20, 99, 101, 98, "", Level("0.00", "2")), BadRowReason.NonPositivePrice, "a" },
        { "negative trade price", Trade(20, 5, "-5", "1", buyerIsMaker: false), BadRowReason.NonPositivePrice, "p" },
    };

    /// <summary>A size of 0 deletes a level; a price of 0 is no level at all.</summary>
    [Fact]
    public void AZeroSizeDeletesALevelButAZeroPriceIsABadRow()
    {
        string path = _temp.Write(
            "zero.txt",
            Snapshot(10, 100, Level("100.0", "1") + "," + Level("99.9", "1"), Level("100.1", "1")),
            Depth(20, 99, 101, 98, Level("100.0", "0"), ""),
            Depth(30, 102, 103, 101, Level("0.00", "1"), ""));
        using var reader = new BinanceUsdmReader(path, Options());
        var e = Assert.Throws<DataFormatException>(() => Events.ReadAll(reader));
        Assert.Equal($"{path}:3: b: price '0.00' is not positive", e.Message);

        using var skipping = new BinanceUsdmReader(path, Options(BadRowPolicy.Skip));
        List<MarketEvent> events = Events.ReadAll(skipping);
        Assert.Contains(events, x => x is { Kind: MarketEventKind.BookLevel, Price: 1000, Size: 0 });
        Assert.Equal((1L, 1L), (skipping.BadRows[BadRowReason.NonPositivePrice], skipping.BadRows.Total));
    }

    [Theory]
    [MemberData(nameof(BadLines))]
    public void EachKindOfBadRowStopsWithFileLineAndFieldOrIsCountedUnderSkip(string name, string badLine, BadRowReason reason, string field)
    {
        string path = _temp.Write($"{name}.txt", Snapshot(10, 100, Level("100.0", "1"), Level("100.1", "1")), badLine, Trade(30, 6, "100.1", "1", buyerIsMaker: false));
        using (var stopping = new BinanceUsdmReader(path, Options()))
        {
            var e = Assert.Throws<DataFormatException>(() => Events.ReadAll(stopping));
            Assert.Equal((path, 2L, field), (e.File, e.Line, e.Field));
            Assert.StartsWith($"{path}:2: {field}: ", e.Message, StringComparison.Ordinal);
        }

        using var skipping = new BinanceUsdmReader(path, Options(BadRowPolicy.Skip));
        List<MarketEvent> events = Events.ReadAll(skipping);
        Assert.Equal(1, skipping.BadRows[reason]);
        Assert.Equal(1, skipping.BadRows.Total);
        Assert.Equal(MarketEventKind.Trade, events[^1].Kind);
        Assert.Equal(6, events[^1].Id);
    }
}
