using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Data.Files;

namespace MarketMaking.Data.Tests.Files;

public sealed class BarReaderTests : IDisposable
{
    private const long Minute = 60_000_000_000;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [SharedDataFact]
    public void TheMonthOfMinuteBarsHas45031RowsAndNoMissingMinute()
    {
        var reader = new OhlcvCsvReader(SharedData.Klines);
        long count = 0;
        Bar first = default, previous = default;
        foreach (Bar bar in reader)
        {
            if (count++ == 0)
            {
                first = bar;
            }
            else
            {
                Assert.Equal(previous.OpenTime + Minute, bar.OpenTime);
            }

            previous = bar;
        }

        Assert.Equal(45_031, count);
        Assert.Equal(new Bar(1_640_991_660_000_000_000, 46319.0, 46385.0, 46319.0, 46377.0, 2300413.7295), first); // 2021-12-31 23:01
        Assert.Equal(new Bar(1_643_693_460_000_000_000, 38525.0, 38546.0, 38525.0, 38544.0, 685906.9735), previous); // 2022-02-01 05:31
        Assert.Equal(0, reader.BadRows.Total);
    }

    [SharedDataFact]
    public void BybitKlineResponseIsEmittedOldestFirst()
    {
        Bar[] bars = [.. new BybitKlineReader(SharedData.BybitKline)];

        Assert.Equal(
            [
                new Bar(1_670_601_600_000_000_000, 17086.5, 17088, 16978, 17071.5, 6356),
                new Bar(1_670_605_200_000_000_000, 17071.5, 17071.5, 17061, 17071, 4177),
                new Bar(1_670_608_800_000_000_000, 17071, 17073, 17027, 17055.5, 268611),
            ],
            bars);
    }

    [Fact]
    public void KlinePagesAndWebSocketMessagesInOneFileMergeWithoutDuplicates()
    {
        string path = _temp.Write(
            "klines.json",
            """{"retCode":0,"result":{"list":[["1670608800000","3","4","2","3.5","10","1"],["1670605200000","2","3","1","2.5","10","1"]]}}""",
            """[["1670605200000","2","3","1","2.5","10","1"],["1670601600000","1","2","0.5","1.5","10","1"]]""",
            """{"topic":"kline.60.BTCUSDT","data":[{"start":1670612400000,"end":1670615999999,"interval":"60","open":"3.5","close":"4","high":"4.5","low":"3","volume":"7","turnover":"1","confirm":false,"timestamp":1670612400001}],"ts":1,"type":"snapshot"}""");

        Bar[] bars = [.. new BybitKlineReader(path)];

        Assert.Equal([1.0, 2.0, 3.0, 3.5], bars.Select(b => b.Open));
        Assert.Equal(new Bar(1_670_612_400_000_000_000, 3.5, 4.5, 3, 4, 7), bars[^1]);
    }

    [Theory]
    [InlineData("1640995200000,1,2,0.5,1.5,10")]
    [InlineData("1640995200,1,2,0.5,1.5,10")]
    [InlineData("1640995200000000000,1,2,0.5,1.5,10")]
    [InlineData("2022-01-01T00:00:00Z,1,2,0.5,1.5,10")]
    [InlineData("2022-01-01 00:00:00.000000,1,2,0.5,1.5,10")]
    public void TimesInEveryUnitAndWithoutHeaderReadTheSame(string row)
    {
        Bar bar = Assert.Single(new OhlcvCsvReader(_temp.Write("bars.csv", row)));
        Assert.Equal(new Bar(1_640_995_200_000_000_000, 1, 2, 0.5, 1.5, 10), bar);
    }

    [Fact]
    public void HeaderColumnsAreFoundByNameAndVolumeIsOptional()
    {
        string path = _temp.WriteGzip("bars.csv.gz", "Close,Low,High,Open,Date", "1.5,0.5,2,1,2022-01-01", "2.5,1.5,3,2,2022-01-02");
        Bar[] bars = [.. new OhlcvCsvReader(path)];

        Assert.Equal(2, bars.Length);
        Assert.Equal((1_640_995_200_000_000_000, 1.0, 2.0, 0.5, 1.5), (bars[0].OpenTime, bars[0].Open, bars[0].High, bars[0].Low, bars[0].Close));
        Assert.True(double.IsNaN(bars[0].Volume));
    }

    [Theory]
    [InlineData("2022-01-01 00:02,1,2,0.5,x,10", BadRowReason.UnparsableNumber, "close")]
    [InlineData("2022-01-01 00:02,1,2,0.5,1.5,-10", BadRowReason.NegativeSize, "volume")]
    [InlineData("2022-01-01 00:00,1,2,0.5,1.5,10", BadRowReason.TimeWentBackwards, "time")]
    [InlineData("2022-01-01 00:02,1,2,1.2,1.5,10", BadRowReason.InconsistentBar, "high/low")]
    [InlineData("2022-01-01 00:02,0,2,0.5,1.5,10", BadRowReason.NonPositivePrice, "open")]
    [InlineData("2022-01-01 00:02,1,2,-0.5,1.5,10", BadRowReason.NonPositivePrice, "low")]
    [InlineData("2022-01-01 00:02,-1,-0.5,-2,-1,10", BadRowReason.NonPositivePrice, "open")]
    [InlineData("2022-13-01 00:02,1,2,0.5,1.5,10", BadRowReason.UnparsableNumber, "time")]
    [InlineData("2022-01-01 00:02,1,2,0.5", BadRowReason.Malformed, "line")]
    public void BadBarsStopWithTheirLineOrAreCounted(string bad, BadRowReason reason, string field)
    {
        string path = _temp.Write("bars.csv", "timestamp,open,high,low,close,volume", "2022-01-01 00:01,1,2,0.5,1.5,10", bad, "2022-01-01 00:03,1,2,0.5,1.5,10");

        var e = Assert.Throws<DataFormatException>(() => new OhlcvCsvReader(path).ToList());
        Assert.Equal((path, 3L, field), (e.File, e.Line, e.Field));

        var skipping = new OhlcvCsvReader(path, BadRowPolicy.Skip);
        Assert.Equal(2, skipping.Count());
        Assert.Equal(1, skipping.BadRows[reason]);
    }

    [Fact]
    public void ABarOutOfOrderIsNamedByItsTimesAsTheFileWritesThem()
    {
        // The times were printed in nanoseconds since 1970 (1640995200000000000 ns).
        string csv = _temp.Write("order.csv", "timestamp,open,high,low,close,volume", "2022-01-01 00:01:30.5,1,2,0.5,1.5,10", "2022-01-01 00:00,1,2,0.5,1.5,10");
        Assert.Equal($"{csv}:3: time: bar time 2022-01-01 00:00:00 is not after the previous bar's 2022-01-01 00:01:30.5", Assert.Throws<DataFormatException>(() => new OhlcvCsvReader(csv).ToList()).Message);
    }

    [Fact]
    public void ANonPositivePriceNamesItsLineAndColumnInBothBarFormats()
    {
        string csv = _temp.Write("zero.csv", "timestamp,open,high,low,close,volume", "2022-01-01 00:01,1,2,0.5,1.5,10", "2022-01-01 00:02,1,2,0,1.5,10");
        Assert.Equal($"{csv}:3: low: price 0 is not positive", Assert.Throws<DataFormatException>(() => new OhlcvCsvReader(csv).ToList()).Message);

        string kline = _temp.Write("zero.json", "{\"result\":{\"list\":[", "[\"1670608800000\",\"3\",\"4\",\"2\",\"3.5\",\"10\",\"1\"],", "[\"1670605200000\",\"-2\",\"3\",\"-2\",\"2.5\",\"10\",\"1\"]", "]}}");
        Assert.Equal($"{kline}:3: open: price -2 is not positive", Assert.Throws<DataFormatException>(() => new BybitKlineReader(kline).ToList()).Message);
    }

    [Fact]
    public void ABadKlineRowNamesItsLine()
    {
        string path = _temp.Write("k.json", "{\"result\":{\"list\":[", "[\"1670608800000\",\"3\",\"4\",\"2\",\"3.5\",\"10\",\"1\"],", "[\"1670605200000\",\"2\",\"1\",\"3\",\"2.5\",\"10\",\"1\"]", "]}}");

        var e = Assert.Throws<DataFormatException>(() => new BybitKlineReader(path).ToList());
        Assert.Equal((3L, "high/low"), (e.Line, e.Field));
    }
}
