namespace MarketMaking.Cli.Tests;

/// <summary>
/// A strategy option that none of the run's strategies reads, and a strategy named twice, are usage
/// errors naming them, before any data or venue is touched: mm backtest --strategy fixed --gamma 0.5
/// printed the run without γ, and --strategy as,as ran as twice beside a difference of 0.000.
/// </summary>
public class StrategyOptionsReadTests
{
    private const string Book = "../shared/data/binance-usdm/btcusdt_20240808.gz";
    private const string Bars = "../shared/data/klines/btc-perp-20211231-20220201_1m.csv";

    [Theory]
    [InlineData("fixed", "--gamma", "0.5", "--strategy fixed does not read --gamma; of these options it reads --max-inventory, --order-size, --spread-bps, --skew-factor")]
    [InlineData("as", "--spread-bps", "4", "--strategy as does not read --spread-bps; of these options it reads --gamma, --order-size")]
    [InlineData("touch,as", "--phi", "1", "--strategy touch,as does not read --phi; of these options it reads --gamma, --order-size")]
    [InlineData("as", "--spread-model", "m.json", "--strategy as does not read --spread-model; of these options it reads --gamma, --order-size")]
    public void AReplayRefusesAnOptionNoneOfItsStrategiesReads(string strategy, string option, string value, string expected)
    {
        var (code, output, error) = Mm.Run("backtest", "--data", Book, "--format", "binance-usdm", "--strategy", strategy, option, value, "--no-save");
        Assert.Equal((2, ""), (code, output));
        Assert.Equal($"error: invalid {option[2..]}: {expected}", error.Trim());
    }

    [Fact]
    public void ABarBacktestListsTheUpdateFrequencyItReads()
    {
        var (code, output, error) = Mm.Run("backtest", "--data", Bars, "--bars", "--strategy", "fixed", "--gamma", "0.5", "--no-save");
        Assert.Equal((2, ""), (code, output));
        Assert.Equal("error: invalid gamma: --strategy fixed does not read --gamma; of these options it reads --max-inventory, --order-size, --spread-bps, --skew-factor, --update-freq", error.Trim());
    }

    [Fact]
    public void ACrossVenueHedgeReadsTheOrderSizeOnly()
    {
        var (code, _, error) = Mm.Run("backtest", "--data", "/nonexistent/x.gz", "--data", "/nonexistent/y.gz", "--format", "binance-usdm", "--hedge", "cross-venue", "--gamma", "0.5", "--calibrate", "0s");
        Assert.Equal(2, code);
        Assert.Equal("error: invalid gamma: --hedge cross-venue does not read --gamma; of these options it reads --order-size", error.Trim());
    }

    /// <summary>An option one of several strategies reads is theirs to read: the run goes on (here to the missing file).</summary>
    [Fact]
    public void AnOptionOneOfTheStrategiesReadsIsAccepted()
    {
        var (code, _, error) = Mm.Run("backtest", "--data", "/nonexistent/x.gz", "--format", "binance-usdm", "--strategy", "as,fixed", "--gamma", "0.1", "--spread-bps", "5", "--no-save");
        Assert.Equal(2, code);
        Assert.DoesNotContain("does not read", error, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/x.gz", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ATradingSessionRefusesAnOptionItsStrategyDoesNotRead()
    {
        var (code, output, error) = Mm.Run("trade", "--venue", "local", "--endpoint", "http://127.0.0.1:1", "--paper", "--symbol", "X", "--strategy", "fixed", "--gamma", "0.5", "--no-save");
        Assert.Equal((2, ""), (code, output));
        Assert.Equal("error: invalid gamma: --strategy fixed does not read --gamma; of these options it reads --max-inventory, --order-size, --spread-bps, --skew-factor", error.Trim());
    }

    [Theory]
    [InlineData("as,as", "backtest", "--data", "/nonexistent/x.gz", "--format", "binance-usdm", "--no-save")]
    [InlineData("inventory, as", "backtest", "--data", "/nonexistent/x.gz", "--format", "binance-usdm", "--no-save")]
    [InlineData("as,as", "simulate", "--sims", "10", "--no-save")]
    [InlineData("portfolio,portfolio", "simulate", "--model", "multi", "--sims", "10", "--no-save")]
    public void AStrategyNamedTwiceIsRefused(string strategies, params string[] args)
    {
        var (code, output, error) = Mm.Run([.. args, "--strategy", strategies]);
        Assert.Equal((2, ""), (code, output));
        Assert.Equal($"error: invalid strategy: a strategy is named twice: {strategies.Replace(",", ", ", StringComparison.Ordinal).Replace(",  ", ", ", StringComparison.Ordinal)}", error.Trim());
    }

    /// <summary>The guard makes NAME+guard another strategy than NAME: both run.</summary>
    [Fact]
    public void AGuardedStrategyBesideItsBareSelfIsNotADuplicate()
    {
        var (code, _, error) = Mm.Run("backtest", "--data", "/nonexistent/x.gz", "--format", "binance-usdm", "--strategy", "as,as+guard", "--no-save");
        Assert.Equal(2, code);
        Assert.DoesNotContain("named twice", error, StringComparison.Ordinal);
    }

    [Fact]
    public void PaperTradingRefusesCredentials()
    {
        var (code, output, error) = Mm.Run("trade", "--venue", "local", "--endpoint", "http://127.0.0.1:1", "--paper", "--symbol", "X", "--credentials", "/nonexistent/key", "--no-save");
        Assert.Equal((2, ""), (code, output));
        Assert.Equal("error: invalid credentials: --paper needs no API key: leave --credentials out", error.Trim());
    }
}
