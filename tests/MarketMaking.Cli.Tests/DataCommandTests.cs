using System.Text.Json;

namespace MarketMaking.Cli.Tests;

public sealed class DataCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-data-").FullName;

    [SharedDataFact]
    public void VerifyBookMatchesEveryComparableBookTickerOnTheBinanceSample()
    {
        var (code, output, error) = Mm.Run("verify-book", "--data", SharedData.BinanceUsdm, "--format", "binance-usdm", "--json");
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement result = JsonDocument.Parse(output).RootElement;
        Assert.True(result.GetProperty("compared").GetInt64() > 600);
        Assert.Equal(1.0, result.GetProperty("matched_share").GetDouble());
    }

    [SharedDataFact]
    public void ConvertedFileVerifiesTheSame()
    {
        string binary = Path.Combine(_folder, "btcusdt.mmev");
        var (code, _, error) = Mm.Run("convert", SharedData.BinanceUsdm, binary, "--format", "binance-usdm");
        Assert.Equal(0, code);
        Assert.Empty(error);

        string Verify(string path, string format) => Mm.Run("verify-book", "--data", path, "--format", format, "--json").Output;
        Assert.Equal(Verify(SharedData.BinanceUsdm, "binance-usdm"), Verify(binary, "mmev"));
    }

    [Fact]
    public void MissingFileAndUnknownFormatAreOneLineErrors()
    {
        var (code, _, error) = Mm.Run("verify-book", "--data", Path.Combine(_folder, "absent.gz"), "--format", "binance-usdm");
        Assert.Equal(2, code);
        Assert.Contains("absent.gz", error, StringComparison.Ordinal);

        (code, _, error) = Mm.Run("convert", "in.csv", "out.mmev", "--format", "parquet");
        Assert.Equal(2, code);
        Assert.Contains("parquet", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadRowNamesFileAndLineAndSkipCountsIt()
    {
        string bars = Path.Combine(_folder, "trades.csv");
        File.WriteAllLines(bars,
        [
            "exchange,symbol,timestamp,local_timestamp,id,side,price,amount",
            "bitmex,XBTUSD,1585699200245000,1585699200355010,a,sell,6425.5,12",
            "bitmex,XBTUSD,1585699200245001,1585699200355011,b,buy,64x5.5,3",
            "bitmex,XBTUSD,1585699200245002,1585699200355012,c,buy,6426,4",
        ]);
        string output = Path.Combine(_folder, "t.mmev");
        var (code, _, error) = Mm.Run("convert", bars, output, "--format", "tardis-trades");
        Assert.Equal(1, code);
        Assert.Contains("trades.csv:3", error, StringComparison.Ordinal);
        Assert.Contains("price", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output)); // nothing half-written

        (code, string printed, error) = Mm.Run("convert", bars, output, "--format", "tardis-trades", "--on-bad-row", "skip");
        Assert.Equal(0, code);
        Assert.Contains("skipped rows: 1 (unparsable number 1)", printed, StringComparison.Ordinal);
        Assert.True(File.Exists(output));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
