using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Files;

namespace MarketMaking.Data.Tests.Files;

public sealed class BybitTradeReaderTests : IDisposable
{
    private const string Header = "timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ArchiveRowsBecomeTradesWithSecondsTurnedToNanoseconds()
    {
        string path = _temp.WriteGzip(
            "BTCUSDT2024-01-04.csv.gz",
            Header,
            "1704326400.1000,BTCUSDT,Buy,0.010,42500.10,PlusTick,0a4e3a4c-5d1d-5b3e-9d53-8f0b5c1e1a01,4.25001e+11,0.010,425.001",
            "1704326400.7,BTCUSDT,Sell,0.020,42500.2,MinusTick,0a4e3a4c-5d1d-5b3e-9d53-8f0b5c1e1a02,8.50004e+11,0.020,850.004");
        using var reader = new BybitTradeReader(path);
        List<MarketEvent> events = Events.ReadAll(reader);

        Assert.Equal(new Instrument("BTCUSDT", 0.01, 0.001), reader.Instrument);
        Assert.Equal(2, events.Count);
        Assert.Equal((1_704_326_400_100_000_000L, 1_704_326_400_100_000_000L, MarketEventKind.Trade, Side.Buy, 4_250_010L, 10L, EventMarkers.EndOfBatch), (events[0].ExchangeTime, events[0].LocalTime, events[0].Kind, events[0].Side, events[0].Price, events[0].Size, events[0].Markers));
        Assert.Equal((1_704_326_400_700_000_000L, Side.Sell, 4_250_020L, 20L), (events[1].LocalTime, events[1].Side, events[1].Price, events[1].Size));
        Assert.NotEqual(events[0].Id, events[1].Id);
        Assert.True(events[0].Id > 0);
    }

    [Fact]
    public void AFileWithoutHeaderUsesTheDocumentedColumnOrder()
    {
        string path = _temp.Write("t.csv", "1704326400.1,BTCUSDT,Buy,1,42500.5,PlusTick,m-1,0,0,0");
        using var reader = new BybitTradeReader(path, new MarketDataOptions { TickSize = 0.5, LotSize = 1 });

        MarketEvent trade = Assert.Single(Events.ReadAll(reader));
        Assert.Equal((85_001L, 1L), (trade.Price, trade.Size));
    }

    [Theory]
    [InlineData("1704326400.9,BTCUSDT,Buy,0.010,4250O.10,PlusTick,m-3", BadRowReason.UnparsableNumber, "price")]
    [InlineData("1704326400.9,BTCUSDT,Buy,-0.010,42500.10,PlusTick,m-3", BadRowReason.NegativeSize, "size")]
    [InlineData("1704326400.9,BTCUSDT,Buy,0.010,-42500.10,PlusTick,m-3", BadRowReason.NonPositivePrice, "price")]
    [InlineData("1704326400.9,BTCUSDT,Buy,0.010,0,PlusTick,m-3", BadRowReason.NonPositivePrice, "price")]
    [InlineData("1704326399.9,BTCUSDT,Buy,0.010,42500.10,PlusTick,m-3", BadRowReason.TimeWentBackwards, "timestamp")]
    [InlineData("1704326400.9,BTCUSDT,Hold,0.010,42500.10,PlusTick,m-3", BadRowReason.Malformed, "side")]
    [InlineData("1704326400.9,ETHUSDT,Buy,0.010,42500.10,PlusTick,m-3", BadRowReason.Malformed, "symbol")]
    public void BadRowsStopWithTheirLineOrAreCounted(string bad, BadRowReason reason, string field)
    {
        string path = _temp.Write("t.csv", Header, "1704326400.1,BTCUSDT,Buy,0.010,42500.10,PlusTick,m-1", bad, "1704326401.0,BTCUSDT,Sell,0.010,42500.20,MinusTick,m-2");
        var options = new MarketDataOptions { TickSize = 0.1, LotSize = 0.001 };
        using (var stopping = new BybitTradeReader(path, options))
        {
            var e = Assert.Throws<DataFormatException>(() => Events.ReadAll(stopping));
            Assert.Equal((path, 3L, field), (e.File, e.Line, e.Field));
        }

        using var skipping = new BybitTradeReader(path, options with { OnBadRow = BadRowPolicy.Skip });
        Assert.Equal(2, Events.ReadAll(skipping).Count);
        Assert.Equal(1, skipping.BadRows[reason]);
    }
}
