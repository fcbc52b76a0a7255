using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Data.Binary;
using MarketMaking.Data.Files;

namespace MarketMaking.Data.Tests.Files;

public sealed class MarketDataFormatsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void EveryNameParsesToItsFormatAndBack()
    {
        Assert.Equal(["binance-usdm", "binance-spot", "binance-cm", "lean-equity", "bybit-ob", "bybit-trades", "tardis-book", "tardis-trades", "mmev", "ohlcv", "bybit-kline", "lobster", "dbn-mbo"], MarketDataFormats.Names);
        foreach (string name in MarketDataFormats.Names)
        {
            Assert.Equal(name, MarketDataFormats.NameOf(MarketDataFormats.Parse(name)));
        }

        Assert.True(MarketDataFormats.IsBars(MarketDataFormat.Ohlcv));
        Assert.False(MarketDataFormats.IsBars(MarketDataFormat.Mmev));
    }

    [Fact]
    public void UnknownFormatsMissingFilesAndBarsAsEventsAreUsageErrors()
    {
        var unknown = Assert.Throws<InvalidParameterException>(() => MarketDataFormats.Parse("csv"));
        Assert.Equal("invalid format: unknown data format 'csv'; known: binance-usdm, binance-spot, binance-cm, lean-equity, bybit-ob, bybit-trades, tardis-book, tardis-trades, mmev, ohlcv, bybit-kline, lobster, dbn-mbo", unknown.Message);
        Assert.Equal(2, unknown.ExitCode);

        var missing = Assert.Throws<InvalidParameterException>(() => MarketDataFormats.Open(_temp.File("absent.gz"), "binance-usdm"));
        Assert.Contains("file not found", missing.Message, StringComparison.Ordinal);

        string bars = _temp.Write("bars.csv", "timestamp,open,high,low,close,volume", "1,1,1,1,1,1");
        Assert.Throws<InvalidParameterException>(() => MarketDataFormats.Open(bars, "ohlcv"));
        Assert.Throws<InvalidParameterException>(() => MarketDataFormats.OpenBars(bars, "tardis-trades"));
        Assert.Single(MarketDataFormats.OpenBars(bars, "ohlcv"));
    }

    [Fact]
    public void TheFactoryOpensEachEventFormatWithItsOptions()
    {
        string trades = _temp.Write("BTCUSDT2024.csv", "1704326400.1,BTCUSDT,Buy,0.010,42500.10,PlusTick,m-1", "1704326400.2,BTCUSDT,Buy,0.010,bad,PlusTick,m-2");
        using MarketDataReader reader = MarketDataFormats.Open(trades, "bybit-trades", new MarketDataOptions { OnBadRow = BadRowPolicy.Skip, Symbol = "BTC-PERP" });

        Assert.IsType<BybitTradeReader>(reader);
        Assert.Equal("BTC-PERP", reader.Instrument.Symbol);
        Assert.Single(Events.ReadAll(reader));
        Assert.Equal("UnparsableNumber: 1", reader.BadRows.ToString());

        string binary = _temp.File("t.mmev");
        using (MarketDataReader again = MarketDataFormats.Open(trades, MarketDataFormat.BybitTrades, new MarketDataOptions { OnBadRow = BadRowPolicy.Skip }))
        {
            MarketDataConverter.Convert(again, binary);
        }

        using MarketDataReader mmev = MarketDataFormats.Open(binary, MarketDataFormat.Mmev);
        Assert.IsType<MmevReader>(mmev);
        Assert.Equal("BTCUSDT", mmev.Instrument.Symbol);
    }

    [Fact]
    public void WithoutPricesToInferFromTheTickSizeMustBeGiven()
    {
        string empty = _temp.Write("empty.csv", "exchange,symbol,timestamp,local_timestamp,id,side,price,amount");
        var e = Assert.Throws<DataFormatException>(() => MarketDataFormats.Open(empty, "tardis-trades"));
        Assert.Contains("give --tick-size", e.Message, StringComparison.Ordinal);

        using MarketDataReader given = MarketDataFormats.Open(empty, "tardis-trades", new MarketDataOptions { Symbol = "X", TickSize = 0.5, LotSize = 1 });
        Assert.Empty(Events.ReadAll(given));
    }
}
