namespace MarketMaking.Cli.Tests;

public class FetchRecordCommandTests
{
    [Theory]
    [InlineData("exchange", "fetch", "klines", "--exchange", "kraken", "--symbol", "BTCUSDT", "--start", "2024-01-01", "--end", "2024-01-02", "--out", "x.csv")]
    [InlineData("category", "fetch", "klines", "--category", "options", "--symbol", "BTCUSDT", "--start", "2024-01-01", "--end", "2024-01-02", "--out", "x.csv")]
    [InlineData("interval", "fetch", "klines", "--symbol", "BTCUSDT", "--interval", "7", "--start", "2024-01-01", "--end", "2024-01-02", "--out", "x.csv")]
    [InlineData("mm fetch klines --help", "fetch", "klines", "--symbol", "BTCUSDT", "--out", "x.csv")]
    [InlineData("depth", "record", "--symbol", "BTCUSDT", "--depth", "3", "--duration", "1m", "--out", "rec")]
    [InlineData("duration", "record", "--symbol", "BTCUSDT", "--duration", "soon", "--out", "rec")]
    public void BadOptionsAreOneLineUsageErrors(string named, params string[] args)
    {
        var (code, output, error) = Mm.Run(args);
        Assert.Equal(2, code);
        Assert.Empty(output);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(named, line, StringComparison.Ordinal);
    }
}
