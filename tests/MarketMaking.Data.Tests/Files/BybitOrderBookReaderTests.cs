using MarketMaking.Core.Books;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Files;

namespace MarketMaking.Data.Tests.Files;

public sealed class BybitOrderBookReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [SharedDataFact]
    public void SampleIsOneSnapshotAndFortyNineDeltas()
    {
        using var reader = new BybitOrderBookReader(SharedData.BybitOrderBook);
        List<MarketEvent> events = Events.ReadAll(reader);

        Assert.Equal(new Instrument("XRPUSDT", 0.0001, 1), reader.Instrument);
        Assert.Single(events, e => e.Kind == MarketEventKind.BookClear);
        Assert.Equal(1 + 500 + 500, events.Count(e => (e.Markers & EventMarkers.Snapshot) != 0));
        List<MarketEvent> batchEnds = [.. events.Where(e => e.IsEndOfBatch)];
        Assert.Equal(50, batchEnds.Count);
        Assert.Equal(Enumerable.Range(20_254_869, 50).Select(u => (long)u), batchEnds.Select(e => e.Id));
        Assert.Equal(0, reader.BadRows.Total);
        Assert.Equal(0, reader.UnappliedUpdates);
    }

    [SharedDataFact]
    public void SampleSnapshotTopAndTimesAreTheFilesOwn()
    {
        using var reader = new BybitOrderBookReader(SharedData.BybitOrderBook);
        List<MarketEvent> events = Events.ReadAll(reader);
        var book = new OrderBook();
        int i = 0;
        do
        {
            book.Apply(events[i]);
        }
        while (!events[i++].IsEndOfBatch);

        Assert.Equal(new BookLevel(19_531, 6_203), book.Best(Side.Buy));
        Assert.Equal(new BookLevel(19_532, 10_480), book.Best(Side.Sell));
        Assert.Equal(500, book.LevelCount(Side.Buy));
        Assert.Equal(1_733_011_200_691_000_000, events[0].LocalTime); // ts
        Assert.Equal(1_733_011_200_589_000_000, events[0].ExchangeTime); // cts

        foreach (MarketEvent e in events.Skip(i))
        {
            book.Apply(e);
            Assert.False(e.IsEndOfBatch && book.IsCrossed);
        }

        // The last delta deletes the bid at 1.9538 and sets the ask there to 6702.
        Assert.Equal(0, book.SizeAt(Side.Buy, 19_538));
        Assert.Equal(6_702, book.SizeAt(Side.Sell, 19_538));
    }

    private static string Message(string type, long ts, long u, string bids, string asks) =>
        $$$"""{"topic":"orderbook.50.BTCUSDT","type":"{{{type}}}","ts":{{{ts}}},"data":{"s":"BTCUSDT","b":[{{{bids}}}],"a":[{{{asks}}}],"u":{{{u}}},"seq":1},"cts":{{{ts - 1}}}}""";

    private static MarketDataOptions Options(BadRowPolicy policy = BadRowPolicy.Stop) =>
        new() { Instrument = new Instrument("BTCUSDT", 0.1, 0.001), OnBadRow = policy };

    [Fact]
    public void DeltasUpdateAndDeleteAndASnapshotWithUOneReplacesTheBook()
    {
        string path = _temp.Write(
            "ob.data",
            Message("delta", 5, 9, """["1.0","1"]""", ""),
            Message("snapshot", 10, 40, """["100.0","1"],["99.9","2"]""", """["100.1","3"]"""),
            Message("delta", 20, 41, """["100.0","0"]""", """["100.2","4"]"""),
            Message("snapshot", 30, 1, """["90.0","5"]""", """["90.1","6"]"""),
            Message("delta", 40, 2, "", """["90.1","7"]"""));
        using var reader = new BybitOrderBookReader(path, Options());
        List<MarketEvent> events = Events.ReadAll(reader);

        var book = new OrderBook();
        events.Take(6).ToList().ForEach(e => book.Apply(e));
        Assert.Equal(new BookLevel(999, 2000), book.Best(Side.Buy));
        Assert.Equal(4000, book.SizeAt(Side.Sell, 1002));
        events.Skip(6).ToList().ForEach(e => book.Apply(e));
        Assert.Equal(new BookLevel(900, 5000), book.Best(Side.Buy));
        Assert.Equal(new BookLevel(901, 7000), book.Best(Side.Sell));
        Assert.Equal(1, book.LevelCount(Side.Sell));
        Assert.Equal(1, reader.UnappliedUpdates); // the delta before any snapshot
        Assert.Equal(2, events.Count(e => e.Kind == MarketEventKind.BookClear));
    }

    [Fact]
    public void AnUpdateIdGapStopsOrClearsTheBookUntilTheNextSnapshot()
    {
        string path = _temp.Write(
            "gap.data",
            Message("snapshot", 10, 40, """["100.0","1"]""", """["100.1","3"]"""),
            Message("delta", 20, 42, """["100.0","2"]""", ""),
            Message("delta", 30, 43, """["100.0","3"]""", ""),
            Message("snapshot", 40, 50, """["100.0","9"]""", """["100.1","9"]"""));
        using (var stopping = new BybitOrderBookReader(path, Options()))
        {
            var e = Assert.Throws<DataFormatException>(() => Events.ReadAll(stopping));
            Assert.Equal((2L, "u"), (e.Line, e.Field));
            Assert.Contains("u=42 does not follow the previous u=40", e.Message, StringComparison.Ordinal);
        }

        using var skipping = new BybitOrderBookReader(path, Options(BadRowPolicy.Skip));
        List<MarketEvent> events = Events.ReadAll(skipping);
        Assert.Equal(1, skipping.BadRows[BadRowReason.SequenceGap]);
        Assert.Equal(2, skipping.UnappliedUpdates);
        Assert.Equal(
            [MarketEventKind.BookClear, MarketEventKind.BookLevel, MarketEventKind.BookLevel, MarketEventKind.BookClear, MarketEventKind.BookClear, MarketEventKind.BookLevel, MarketEventKind.BookLevel],
            events.Select(e => e.Kind));
        Assert.Equal(EventMarkers.EndOfBatch, events[3].Markers); // the resynchronization clear, not a snapshot
    }

    [Fact]
    public void ACrossingDeltaIsABadRow()
    {
        string path = _temp.Write(
            "cross.data",
            Message("snapshot", 10, 40, """["100.0","1"]""", """["100.1","3"]"""),
            Message("delta", 20, 41, """["100.1","2"]""", ""));
        using var reader = new BybitOrderBookReader(path, Options());

        var e = Assert.Throws<DataFormatException>(() => Events.ReadAll(reader));
        Assert.Equal((2L, "b/a"), (e.Line, e.Field));
        Assert.Contains("crossed: best bid 1001 ≥ best ask 1001", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANonPositivePriceIsABadRowAndSkipCountsIt()
    {
        string path = _temp.Write(
            "zero.data",
            Message("snapshot", 10, 40, """["100.0","1"]""", """["100.1","3"]"""),
            Message("delta", 20, 41, "", """["-100.2","2"]"""),
            Message("snapshot", 30, 50, """["100.0","9"]""", """["100.1","9"]"""));
        using (var reader = new BybitOrderBookReader(path, Options()))
        {
            var e = Assert.Throws<DataFormatException>(() => Events.ReadAll(reader));
            Assert.Equal($"{path}:2: a: price '-100.2' is not positive", e.Message);
        }

        using var skipping = new BybitOrderBookReader(path, Options(BadRowPolicy.Skip));
        Events.ReadAll(skipping);
        Assert.Equal((1L, 1L), (skipping.BadRows[BadRowReason.NonPositivePrice], skipping.BadRows.Total));
    }

    [Fact]
    public void OtherTopicsAndControlMessagesAreIgnored()
    {
        string path = _temp.Write(
            "other.data",
            """{"success":true,"ret_msg":"","conn_id":"x","op":"subscribe"}""",
            """{"topic":"kline.5.BTCUSDT","data":[{"start":1672324800000,"open":"16649.5","close":"16677","high":"16677","low":"16608","volume":"2.081"}],"ts":1672324988882,"type":"snapshot"}""",
            Message("snapshot", 10, 40, """["100.0","1"]""", """["100.1","3"]"""));
        using var reader = new BybitOrderBookReader(path);

        Assert.Equal(3, Events.ReadAll(reader).Count);
        Assert.Equal(new Instrument("BTCUSDT", 0.1, 1), reader.Instrument);
    }

    [Fact]
    public void PublicTradeMessagesBecomeTrades()
    {
        string path = _temp.Write(
            "trades.data",
            """{"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":1672304486868,"data":[{"T":1672304486865,"s":"BTCUSDT","S":"Buy","v":"0.001","p":"16578.50","L":"PlusTick","i":"20f43950-d8dd-5b31-9112-a178eb6023af","BT":false},{"T":1672304486866,"s":"BTCUSDT","S":"Sell","v":"0.002","p":"16578.40","L":"MinusTick","i":"20f43950-d8dd-5b31-9112-a178eb6023b0","BT":false}]}""");
        using var reader = new BybitOrderBookReader(path, Options());
        List<MarketEvent> events = Events.ReadAll(reader);

        Assert.Equal(2, events.Count);
        Assert.Equal((MarketEventKind.Trade, Side.Buy, 165_785L, 1L, 1_672_304_486_865_000_000L, 1_672_304_486_868_000_000L), (events[0].Kind, events[0].Side, events[0].Price, events[0].Size, events[0].ExchangeTime, events[0].LocalTime));
        Assert.Equal((Side.Sell, 165_784L, 2L, EventMarkers.EndOfBatch), (events[1].Side, events[1].Price, events[1].Size, events[1].Markers));
        Assert.NotEqual(events[0].Id, events[1].Id);
    }
}
