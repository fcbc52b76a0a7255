using MarketMaking.Core.Errors;
using MarketMaking.Data.Files;
using MarketMaking.Data.Text;

namespace MarketMaking.Data.Tests.Files;

/// <summary>A wrong data file gets one line saying what it is and what was expected, naming the file.</summary>
public sealed class DataFileErrorTests : IDisposable
{
    private const string Formats = "formats read: binance-usdm, binance-spot, binance-cm, lean-equity, bybit-ob, bybit-trades, tardis-book, tardis-trades, mmev, ohlcv, bybit-kline, lobster, dbn-mbo";
    private const string TardisTradesHeader = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ADirectoryIsCalledADirectory()
    {
        var events = Assert.Throws<InvalidParameterException>(() => new TardisTradeReader(_temp.Path));
        var bars = Assert.Throws<InvalidParameterException>(() => MarketDataFormats.OpenBars(_temp.Path, "ohlcv"));

        Assert.Equal($"invalid data: {_temp.Path} is a directory; give a data file", events.Message);
        Assert.Equal(events.Message, bars.Message);
    }

    [Fact]
    public void AnEmptyFileIsCalledEmpty()
    {
        string path = _temp.File("empty.gz");
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<InvalidParameterException>(() => new BinanceUsdmReader(path));

        Assert.Equal($"invalid data: {path} is empty; expected binance-usdm ({Formats})", error.Message);
    }

    [Fact]
    public void AGzNameOnPlainTextIsSaidAndTheContentsNamed()
    {
        string path = _temp.Write("trades.csv.gz", TardisTradesHeader, "binance,BTCUSDT,1000,1100,1,buy,100.5,0.01");

        var error = Assert.Throws<InvalidParameterException>(() => new BinanceUsdmReader(path));

        Assert.Equal($"invalid data: {path} is named .gz but is not gzip-compressed and looks like tardis-trades (give --format tardis-trades); expected binance-usdm ({Formats})", error.Message);
    }

    [Fact]
    public void AnotherFormatIsNamed()
    {
        string path = _temp.WriteGzip("trades.csv.gz", TardisTradesHeader, "binance,BTCUSDT,1000,1100,1,buy,100.5,0.01");

        var error = Assert.Throws<InvalidParameterException>(() => new BinanceUsdmReader(path));

        Assert.Equal($"invalid data: {path} looks like tardis-trades (give --format tardis-trades); expected binance-usdm ({Formats})", error.Message);
    }

    [Fact]
    public void AnUnknownFileIsQuoted()
    {
        string path = _temp.Write("notes.txt", "hello, this is not market data", "second line");

        var error = Assert.Throws<InvalidParameterException>(() => new BinanceUsdmReader(path));

        Assert.Equal($"invalid data: {path} looks like none of them (it starts \"hello, this is not market data\"); expected binance-usdm ({Formats})", error.Message);
    }

    [Fact]
    public void ACsvHeaderOfAnotherFormatIsNamed()
    {
        string path = _temp.Write("trades.csv", TardisTradesHeader, "binance,BTCUSDT,1000,1100,1,buy,100.5,0.01");

        var error = Assert.Throws<DataFormatException>(() => new TardisBookReader(path));

        Assert.EndsWith("; it looks like tardis-trades (give --format tardis-trades)", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{path}:1: header: no column is_snapshot", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileOfTheRightFormatWithoutPricesKeepsTheTickSizeAdvice()
    {
        string path = _temp.Write("header-only.csv", TardisTradesHeader);

        var error = Assert.Throws<DataFormatException>(() => new TardisTradeReader(path));

        Assert.Equal($"{path}:1000: price: no price in the first 1000 lines to infer the tick size from; give --tick-size", error.Message);
    }

    [Theory]
    [InlineData("{\"lastUpdateId\":1,\"bids\":[],\"asks\":[]}", "binance-usdm")]
    [InlineData("{\"stream\":\"btcusdt@depth\",\"data\":{\"e\":\"depthUpdate\",\"E\":1}}", "binance-usdm")]
    [InlineData("{\"topic\":\"orderbook.500.XRPUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":{}}", "bybit-ob")]
    [InlineData("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[]}}", "bybit-kline")]
    [InlineData("exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount", "tardis-book")]
    [InlineData("exchange,symbol,timestamp,local_timestamp,id,side,price,amount", "tardis-trades")]
    [InlineData("timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional", "bybit-trades")]
    [InlineData("timestamp,open,high,low,close,volume", "ohlcv")]
    [InlineData("MMEV", "mmev")]
    public void FirstLinesAreRecognised(string line, string format)
    {
        Assert.Equal(MarketDataFormats.Parse(format), DataFileSniffer.Classify(line));
    }
}
