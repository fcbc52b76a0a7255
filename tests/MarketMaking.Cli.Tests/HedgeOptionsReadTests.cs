namespace MarketMaking.Cli.Tests;

/// <summary>
/// A hedge or arbitrage option the chosen run does not read is a usage error naming it, before the
/// data is read: silently ignored, --hedge-threshold 500 on one file printed the unhedged run.
/// </summary>
public class HedgeOptionsReadTests
{
    private const string NotHedged = "is read by a hedged backtest only: give the hedge instrument as a second --data and --hedge beta, cross-venue or none";

    [Theory]
    [InlineData("--hedge-threshold", "500")]
    [InlineData("--hedge-window", "60")]
    [InlineData("--hedge-interval", "60s")]
    [InlineData("--hedge-block", "30m")]
    [InlineData("--hedge-taker-fee", "0.0002")]
    [InlineData("--min-profitability", "0.0001")]
    public void AHedgeOptionWithoutAHedgeIsRefused(string option, string value)
    {
        var (code, output, error) = Mm.Run("backtest", "--data", "/nonexistent/x.gz", "--format", "binance-usdm", option, value, "--no-save");
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal($"error: invalid {option[2..]}: {option} {NotHedged}", error.TrimEnd());
    }

    [Fact]
    public void AHedgeOptionBesideAnArbitrageScanAloneIsRefused()
    {
        var (code, _, error) = Mm.Run("backtest", "--data", "/nonexistent/x.gz", "--data", "/nonexistent/y.gz", "--format", "binance-usdm", "--arbitrage", "--hedge-taker-fee", "0.0002");
        Assert.Equal(2, code);
        Assert.Equal($"error: invalid hedge-taker-fee: --hedge-taker-fee {NotHedged}", error.TrimEnd());
    }

    [Theory]
    [InlineData("cross-venue", "--hedge-threshold", "1000", "invalid hedge-threshold: --hedge cross-venue does not read --hedge-threshold: only --hedge beta waits for the exposure to pass a threshold")]
    [InlineData("none", "--hedge-threshold", "1000", "invalid hedge-threshold: --hedge none does not read --hedge-threshold: only --hedge beta waits for the exposure to pass a threshold")]
    [InlineData("beta", "--min-profitability", "0.5", "invalid min-profitability: --hedge beta does not read --min-profitability: only --hedge cross-venue prices its quotes from the hedge book")]
    [InlineData("none", "--min-profitability", "0.5", "invalid min-profitability: --hedge none does not read --min-profitability: only --hedge cross-venue prices its quotes from the hedge book")]
    [InlineData("beta", "--venue-taker-fee", "0.001", "invalid venue-taker-fee: is read by the arbitrage scan only (--arbitrage or --take-arbitrage); a hedge's taker fee is --hedge-taker-fee")]
    [InlineData("cross-venue", "--min-profitability", "-0.1", "invalid min-profitability: must be zero or positive, got -0.1")]
    public void AnOptionTheHedgeModeDoesNotReadIsRefused(string mode, string option, string value, string expected)
    {
        var (code, _, error) = Mm.Run("backtest", "--data", "/nonexistent/x.gz", "--data", "/nonexistent/y.gz", "--format", "binance-usdm", "--hedge", mode, option, value, "--calibrate", "0s");
        Assert.Equal(2, code);
        Assert.Equal($"error: {expected}", error.TrimEnd());
    }

    [Fact]
    public void TheVenueTakerFeeWithoutAScanIsRefused()
    {
        var (code, _, error) = Mm.Run("backtest", "--data", "/nonexistent/x.gz", "--format", "binance-usdm", "--venue-taker-fee", "0.0002");
        Assert.Equal(2, code);
        Assert.Equal("error: invalid venue-taker-fee: is read by the arbitrage scan only (--arbitrage or --take-arbitrage); a hedge's taker fee is --hedge-taker-fee", error.TrimEnd());
    }
}
