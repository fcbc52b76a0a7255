using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Files;

namespace MarketMaking.Data.Tests.Files;

public sealed class TardisReaderTests : IDisposable
{
    private const string BookHeader = "exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount";
    private const string TradeHeader = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [SharedDataFact]
    public void DeribitBookSampleIsOneSnapshotOfFifteenAsks()
    {
        using var reader = new TardisBookReader(SharedData.TardisBook);
        List<MarketEvent> events = Events.ReadAll(reader);

        Assert.Equal(new Instrument("BTC-PERPETUAL", 0.1, 1), reader.Instrument); // "6421.5" and "18640"
        Assert.Equal(16, events.Count);
        Assert.Equal(new MarketEvent(1_585_699_200_245_000_000, 1_585_699_200_355_684_000, MarketEventKind.BookClear, Side.Buy, 0, 0, 0, EventMarkers.Snapshot), events[0]);
        Assert.Equal(new MarketEvent(1_585_699_200_245_000_000, 1_585_699_200_355_684_000, MarketEventKind.BookLevel, Side.Sell, 64_215, 18_640, 0, EventMarkers.Snapshot), events[1]);
        Assert.Equal((64_285L, 39_950L, EventMarkers.Snapshot | EventMarkers.EndOfBatch), (events[^1].Price, events[^1].Size, events[^1].Markers));
        Assert.All(events, e => Assert.Equal(EventMarkers.Snapshot, e.Markers & EventMarkers.Snapshot));
    }

    [SharedDataFact]
    public void BitmexTradeSampleHasTenSellsWithHashedUuidIds()
    {
        using var reader = new TardisTradeReader(SharedData.TardisTrades);
        List<MarketEvent> events = Events.ReadAll(reader);

        Assert.Equal(new Instrument("XBTUSD", 0.1, 1), reader.Instrument);
        Assert.Equal(10, events.Count);
        Assert.All(events, e => Assert.Equal((MarketEventKind.Trade, Side.Sell, 85_315L, EventMarkers.EndOfBatch), (e.Kind, e.Side, e.Price, e.Markers)));
        Assert.Equal(2152, events[0].Size);
        Assert.Equal(1_583_020_803_307_160_000, events[0].LocalTime);
        Assert.Equal(1_583_020_803_145_000_000, events[0].ExchangeTime);
        Assert.Equal(10, events.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void RowsOfOneLocalTimeAreOneBatchAndASnapshotAfterUpdatesClearsTheBook()
    {
        string path = _temp.Write(
            "book.csv",
            BookHeader,
            "deribit,X,1,10,true,bid,99.5,5",
            "deribit,X,1,10,true,ask,100,5",
            "deribit,X,2,20,false,bid,99.5,0",
            "deribit,X,2,20,false,bid,99,1",
            "deribit,X,3,30,false,ask,100.5,2",
            "deribit,X,4,40,true,bid,98,1",
            "deribit,X,4,40,true,ask,98.5,1");
        using var reader = new TardisBookReader(path);
        List<MarketEvent> events = Events.ReadAll(reader);

        Assert.Equal(
            ["C10S", "B10S", "A10SE", "B20", "B20E", "A30E", "C40S", "B40S", "A40SE"],
            events.Select(Code));
        Assert.Equal(new Instrument("X", 0.1, 1), reader.Instrument);
    }

    [Fact]
    public void ACrossingMessageIsTakenBackWholeUnderSkip()
    {
        string path = _temp.Write(
            "cross.csv",
            BookHeader,
            "deribit,X,1,10,true,bid,99.5,5",
            "deribit,X,1,10,true,ask,100,5",
            "deribit,X,2,20,false,bid,99,1",
            "deribit,X,2,20,false,bid,100,1",
            "deribit,X,3,30,false,ask,101,2");
        var options = new MarketDataOptions { TickSize = 0.5, LotSize = 1, OnBadRow = BadRowPolicy.Skip };
        using var reader = new TardisBookReader(path, options);
        List<MarketEvent> events = Events.ReadAll(reader);

        Assert.Equal(["C10S", "B10S", "A10SE", "A30E"], events.Select(Code));
        Assert.Equal(1, reader.BadRows[BadRowReason.CrossedBook]);

        using var stopping = new TardisBookReader(path, options with { OnBadRow = BadRowPolicy.Stop });
        var e = Assert.Throws<DataFormatException>(() => Events.ReadAll(stopping));
        Assert.Equal((5L, "price"), (e.Line, e.Field));
    }

    [Theory]
    [InlineData("deribit,X,2,20,false,bid,abc,1", BadRowReason.UnparsableNumber, "price")]
    [InlineData("deribit,X,2,20,false,bid,99,-1", BadRowReason.NegativeSize, "amount")]
    [InlineData("deribit,X,2,20,false,bid,-99,1", BadRowReason.NonPositivePrice, "price")]
    [InlineData("deribit,X,2,20,false,bid,0,0", BadRowReason.NonPositivePrice, "price")]
    [InlineData("deribit,X,2,5,false,bid,99,1", BadRowReason.TimeWentBackwards, "local_timestamp")]
    [InlineData("deribit,X,2,20,maybe,bid,99,1", BadRowReason.Malformed, "is_snapshot")]
    [InlineData("deribit,X,2,20,false,bid", BadRowReason.Malformed, "line")]
    [InlineData("deribit,X,2,2x0,false,bid,99,1", BadRowReason.UnparsableNumber, "local_timestamp")]
    public void BadBookRowsStopWithTheirLineOrAreSkippedAlone(string bad, BadRowReason reason, string field)
    {
        string path = _temp.Write("bad.csv", BookHeader, "deribit,X,1,10,true,bid,99.5,5", bad, "deribit,X,3,30,false,ask,101,2");
        var options = new MarketDataOptions { TickSize = 0.5, LotSize = 1 };
        using (var stopping = new TardisBookReader(path, options))
        {
            var e = Assert.Throws<DataFormatException>(() => Events.ReadAll(stopping));
            Assert.Equal((path, 3L, field), (e.File, e.Line, e.Field));
        }

        using var skipping = new TardisBookReader(path, options with { OnBadRow = BadRowPolicy.Skip });
        Assert.Equal(["C10S", "B10SE", "A30E"], Events.ReadAll(skipping).Select(Code));
        Assert.Equal(1, skipping.BadRows[reason]);
    }

    [Fact]
    public void AMissingColumnStopsAtTheHeaderWhateverThePolicy()
    {
        string path = _temp.Write("bad.csv", "exchange,symbol,timestamp,local_timestamp,side,price,amount", "deribit,X,1,10,bid,99.5,5");
        var e = Assert.Throws<DataFormatException>(() => new TardisBookReader(path, new MarketDataOptions { TickSize = 0.5, LotSize = 1, OnBadRow = BadRowPolicy.Skip }));
        Assert.Equal((1L, "header"), (e.Line, e.Field));
        Assert.Contains("no column is_snapshot", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GzipAndZipReadTheSameAsPlainText()
    {
        string[] lines = [TradeHeader, "binance,BTCUSDT,1,10,1001,buy,100.5,0.25", "binance,BTCUSDT,2,20,1002,sell,100.4,1", "binance,BTCUSDT,3,30,1003,unknown,100.4,1"];
        var options = new MarketDataOptions { OnBadRow = BadRowPolicy.Skip };
        using var plain = new TardisTradeReader(_temp.Write("t.csv", lines), options);
        using var gzip = new TardisTradeReader(_temp.WriteGzip("t.csv.gz", lines), options);
        using var zip = new TardisTradeReader(_temp.WriteZip("t.zip", "t.csv", lines), options);

        List<MarketEvent> expected = Events.ReadAll(plain);
        Assert.Equal([(Side.Buy, 1005L, 25L, 1001L), (Side.Sell, 1004L, 100L, 1002L)], expected.Select(e => (e.Side, e.Price, e.Size, e.Id)));
        Assert.Equal(1, plain.BadRows[BadRowReason.Malformed]); // side "unknown": no aggressor to report
        Assert.Equal(expected, Events.ReadAll(gzip));
        Assert.Equal(expected, Events.ReadAll(zip));
        Assert.Equal(new Instrument("BTCUSDT", 0.1, 0.01), zip.Instrument);
    }

    /// <summary>Kind (Clear, Bid, Ask), local time, S for snapshot, E for end of batch.</summary>
    private static string Code(MarketEvent e) =>
        (e.Kind == MarketEventKind.BookClear ? "C" : e.Side == Side.Buy ? "B" : "A")
        + (e.LocalTime / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture)
        + ((e.Markers & EventMarkers.Snapshot) != 0 ? "S" : "")
        + (e.IsEndOfBatch ? "E" : "");
}
