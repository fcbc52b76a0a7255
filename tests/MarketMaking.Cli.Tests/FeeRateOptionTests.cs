namespace MarketMaking.Cli.Tests;

/// <summary>
/// A fee rate is a fraction of the notional below 1, never negative for a taker: every fee option
/// is refused outside that range before any data is read or any socket opened (a hedge leg at
/// --hedge-taker-fee -1 booked a 1,234 USDT "profit" on six minutes; the venue and paper took -2).
/// </summary>
public class FeeRateOptionTests
{
    [Theory]
    [InlineData("--hedge-taker-fee", "-1", "invalid hedge-taker-fee: must be a fee rate, a fraction of the notional in [0, 1), got -1")]
    [InlineData("--hedge-taker-fee", "NaN", "invalid hedge-taker-fee: must be a fee rate, a fraction of the notional in [0, 1), got NaN")]
    [InlineData("--taker-fee", "-0.0004", "invalid taker-fee: must be a fee rate, a fraction of the notional in [0, 1), got -0.0004")]
    [InlineData("--taker-fee", "1", "invalid taker-fee: must be a fee rate, a fraction of the notional in [0, 1), got 1")]
    [InlineData("--maker-fee", "-1", "invalid maker-fee: must be a fee rate, a fraction of the notional in (−1, 1); negative: a rebate, got -1")]
    public void AHedgedBacktestRefusesAFeeThatIsNoFee(string option, string value, string expected)
    {
        var (code, _, error) = Mm.Run("backtest", "--data", "/nonexistent/x.gz", "--data", "/nonexistent/y.gz", "--format", "binance-usdm", "--hedge", "beta", option, value);
        Assert.Equal(2, code);
        Assert.Equal($"error: {expected}", error.TrimEnd());
    }

    [Fact]
    public void ABarBacktestRefusesANegativeTakerFee()
    {
        var (code, _, error) = Mm.Run("backtest", "--data", "/nonexistent/x.csv", "--bars", "--taker-fee", "-0.5");
        Assert.Equal(2, code);
        Assert.Equal("error: invalid taker-fee: must be a fee rate, a fraction of the notional in [0, 1), got -0.5", error.TrimEnd());
    }

    [Theory]
    [InlineData("--taker-fee", "-2", "invalid taker-fee: must be a fee rate, a fraction of the notional in [0, 1), got -2")]
    [InlineData("--maker-fee", "1.5", "invalid maker-fee: must be a fee rate, a fraction of the notional in (−1, 1); negative: a rebate, got 1.5")]
    public void TheVenueRefusesAFeeThatIsNoFeeBeforeItListens(string option, string value, string expected)
    {
        var (code, output, error) = Mm.Run("venue", "--port", "0", "--duration", "1s", option, value);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal($"error: {expected}", error.TrimEnd());
    }

    [Fact]
    public void APaperSessionRefusesANegativeTakerFeeBeforeItConnects()
    {
        // Port 9 (discard) on loopback: nothing answers, so reaching the venue would be another error.
        var (code, _, error) = Mm.Run("trade", "--venue", "local", "--endpoint", "http://127.0.0.1:9", "--symbol", "SIMUSDT", "--paper", "--strategy", "fixed", "--duration", "1s", "--taker-fee", "-3", "--journal", Path.Combine(Path.GetTempPath(), $"mm-fee-{Guid.NewGuid():N}", "j.db"));
        Assert.Equal(2, code);
        Assert.Equal("error: invalid taker-fee: must be a fee rate, a fraction of the notional in [0, 1), got -3", error.TrimEnd());
    }
}
