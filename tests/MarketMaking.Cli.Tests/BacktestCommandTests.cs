using System.Text.Json;

namespace MarketMaking.Cli.Tests;

public sealed class BacktestCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-backtest-").FullName;

    [SharedDataFact]
    public void ReplaysTheBinanceSampleWithQueueAndLatencyAndIsRepeatable()
    {
        string[] args =
        [
            "backtest", "--data", SharedData.BinanceUsdm, "--format", "binance-usdm", "--strategy", "as,glft", "--queue-model", "risk-averse",
            "--latency", "5ms", "--json", "--out", Path.Combine(_folder, "run"),
        ];
        var (code, output, error) = Mm.Run(args);
        Assert.Equal(0, code);
        Assert.Empty(error);

        JsonElement[] results = JsonDocument.Parse(output).RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(["as", "glft"], results.Select(r => r.GetProperty("strategy").GetString()));
        foreach (JsonElement r in results)
        {
            long fills = r.GetProperty("fills").GetInt64();
            Assert.True(fills > 0, "a market maker on five minutes of BTCUSDT trades");
            Assert.True(fills <= r.GetProperty("orders").GetInt64());

            // Net PnL = gross − fees, and with no fees configured they are equal.
            Assert.Equal(r.GetProperty("gross_pnl").GetDouble(), r.GetProperty("net_pnl").GetDouble(), 9);
            Assert.Equal(3, r.GetProperty("markouts").GetArrayLength());
        }

        Assert.Equal(output, Mm.Run(args).Output); // same data, same settings, same numbers
        Assert.True(File.Exists(Path.Combine(_folder, "run", "report.html")));
    }

    [SharedDataFact]
    public void MakerFeesAreChargedOnEveryFill()
    {
        JsonElement Run(params string[] extra) => JsonDocument.Parse(Mm.Run(
        [
            "backtest", "--data", SharedData.BinanceUsdm, "--format", "binance-usdm", "--strategy", "glft", "--json", "--no-save", .. extra,
        ]).Output).RootElement.GetProperty("results")[0];

        JsonElement free = Run();
        JsonElement charged = Run("--maker-fee", "0.0002");

        // The fills do not depend on fees; 2 bp of a BTC price between 55,000 and 70,000 per 0.001 BTC
        // is 0.011 to 0.014 per fill.
        long fills = charged.GetProperty("fills").GetInt64();
        Assert.Equal(free.GetProperty("fills").GetInt64(), fills);
        Assert.InRange(charged.GetProperty("fees_paid").GetDouble() / fills, 0.0002 * 0.001 * 55_000, 0.0002 * 0.001 * 70_000);
        Assert.Equal(free.GetProperty("net_pnl").GetDouble() - charged.GetProperty("fees_paid").GetDouble(), charged.GetProperty("net_pnl").GetDouble(), 6);
    }

    [SharedDataFact]
    public void RecordedLatencyComesFromTheDatasOwnReceiveDelays()
    {
        string folder = Path.Combine(_folder, "recorded");
        var (code, _, error) = Mm.Run("backtest", "--data", SharedData.BinanceUsdm, "--format", "binance-usdm", "--strategy", "glft", "--latency", "recorded", "--json", "--out", folder);
        Assert.Equal(0, code);
        Assert.Empty(error);
        string execution = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "config.json"))).RootElement.GetProperty("settings").GetProperty("execution").GetString()!;
        Assert.Contains("recorded: 102,400 receive delays", execution, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void BarBacktestOfFixedSpreadOnAMonthOfMinutes()
    {
        var (code, output, error) = Mm.Run(
            "backtest", "--data", SharedData.Klines, "--bars", "--strategy", "fixed", "--spread-bps", "20", "--max-inventory", "10", "--json", "--no-save");
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement r = JsonDocument.Parse(output).RootElement.GetProperty("results")[0];
        Assert.True(r.GetProperty("fills").GetInt64() > 100);

        // Orders of 1 unit and at most 10 of them held: |q| never above 10.
        Assert.True(r.GetProperty("max_abs_q").GetDouble() <= 10);
        Assert.Equal(60, r.GetProperty("sample_period_seconds").GetDouble());
    }

    [Theory]
    [InlineData(new string[0], "calibration: none (--calibrate 0s): σ 2 (default), A 140 (default), κ 1.5 (default); give --sigma, --A and --kappa")]
    [InlineData(new[] { "--sigma", "3", "--A", "10" }, "calibration: none (--calibrate 0s): σ 3 (given), A 10 (given), κ 1.5 (default); give --kappa")]
    [InlineData(new[] { "--sigma", "3", "--A", "10", "--kappa", "0.8" }, "calibration: none (--calibrate 0s): σ 3 (given), A 10 (given), κ 0.8 (given)")]
    public void WithoutACalibrationWindowTheLineSaysWhichParametersQuoteAndWhereEachCameFrom(string[] given, string expected)
    {
        var (code, output, error) = Mm.Run(["backtest", "--data", NoCalibrationData(), "--format", "binance-usdm", "--tick-size", "0.1", "--lot-size", "0.001", "--strategy", "as", "--calibrate", "0s", .. given, "--no-save"]);
        Assert.True(code == 0, error);
        Assert.Contains(expected, output.Split('\n').Select(l => l.TrimEnd('\r')));
    }

    [Theory]
    [InlineData("fixed", "strategy settings: order size 0.001, max inventory 20, spread 20 bp, skew factor 0.5")]
    [InlineData("as", "strategy settings: γ 0.1, σ 2, κ 1.5, T 60, order size 0.001")]
    [InlineData("as,fixed", "strategy settings: γ 0.1, σ 2, κ 1.5, T 60, order size 0.001, max inventory 20, spread 20 bp, skew factor 0.5")]
    public void TheSettingsLineListsOnlyWhatTheStrategiesRead(string strategies, string expected)
    {
        // Defaults throughout (σ and κ too: nothing to calibrate on), one lot of 0.001 per order, T the backtest's 60 s.
        var (code, output, error) = Mm.Run("backtest", "--data", NoCalibrationData(), "--format", "binance-usdm", "--tick-size", "0.1", "--lot-size", "0.001", "--strategy", strategies, "--calibrate", "0s", "--no-save");
        Assert.True(code == 0, error);
        Assert.Equal(expected, Assert.Single(output.Split('\n'), l => l.StartsWith("strategy settings:", StringComparison.Ordinal)).TrimEnd('\r'));
    }

    /// <summary>A Binance USD-M book snapshot and two trades: enough to replay, nothing to calibrate on.</summary>
    private string NoCalibrationData()
    {
        string file = Path.Combine(_folder, "trades.txt");
        File.WriteAllLines(file,
        [
            """1723161255088169167 {"lastUpdateId":1,"E":1723161256313,"T":1723161256313,"bids":[["61800.20","2.507"]],"asks":[["61800.30","2.510"]]}""",
            """1723161255088176367 {"stream":"btcusdt@trade","data":{"e":"trade","E":1723161256322,"T":1723161256322,"s":"BTCUSDT","t":1,"p":"61800.30","q":"0.002","X":"MARKET","m":false}}""",
            """1723161255088176368 {"stream":"btcusdt@trade","data":{"e":"trade","E":1723161256322,"T":1723161256322,"s":"BTCUSDT","t":2,"p":"61800.40","q":"0.002","X":"MARKET","m":false}}""",
        ]);
        return file;
    }

    /// <summary>
    /// A queue setting the run's queues do not read changed nothing, silently: exact queues on L2 data
    /// filled every order by trade-through (BTCUSDT: +65.44 against −4.09 through the queue model), own
    /// impact without them took 0 lots, a queue model or exponent beside exact queues was not used.
    /// </summary>
    [Theory]
    [InlineData("error: invalid queues: exact queues need order-by-order data (lobster, dbn-mbo, or an .mmev converted from them); this data holds price levels only: give --queues model",
        "--queues", "exact")]
    [InlineData("error: invalid own-impact: own impact needs order-by-order data (lobster, dbn-mbo, or an .mmev converted from them); this data holds price levels only",
        "--own-impact")]
    [InlineData("error: invalid own-impact: own impact shortens the recorded executions in the exact L3 queues, which --queues model does not use",
        "--own-impact", "--queues", "model")]
    [InlineData("error: invalid queue-power: only --queue-model power reads it",
        "--queue-power", "3")]
    [InlineData("error: invalid queue-power: only --queue-model power reads it",
        "--queue-model", "log", "--queue-power", "3")]
    public void AQueueSettingTheReplayDoesNotReadIsRefused(string expected, params string[] options)
    {
        string run = Path.Combine(_folder, "run");
        var (code, output, error) = Mm.Run(["backtest", "--data", NoCalibrationData(), "--format", "binance-usdm", "--strategy", "as", "--calibrate", "0s", "--out", run, .. options]);
        Assert.Equal((2, "", expected), (code, output, error.Trim()));
        Assert.False(Directory.Exists(run), "nothing is run or written");
    }

    [SharedDataFact]
    public void AQueueModelBesideTheExactQueuesOfOrderByOrderDataIsRefused()
    {
        // The LOBSTER day replays in exact queues by default: --queue-model log alone gave the exact-queue figures.
        string day = Path.Combine(SharedData.Folder!, "lobster/LOBSTER_SampleFile_AMZN_2012-06-21_5.zip");
        var (code, output, error) = Mm.Run("backtest", "--data", day, "--format", "lobster", "--strategy", "as", "--queue-model", "log", "--no-save");
        Assert.Equal((2, "", "error: invalid queue-model: exact L3 queues read no queue model (our orders join the real queues); give --queues model to replay the L2 view through log"), (code, output, error.Trim()));
        Assert.Equal(0, Mm.Run("backtest", "--data", day, "--format", "lobster", "--strategy", "as", "--queues", "model", "--queue-model", "log", "--no-save").Code);
    }

    [Theory]
    [InlineData("latency", "--latency", "5ms")]
    [InlineData("queues", "--queues", "model")]
    [InlineData("calibrate", "--calibrate", "0s")]
    [InlineData("requote-interval", "--requote-interval", "1s")]
    public void AReplayOnlyOptionIsRefusedInABarBacktest(string name, string option, string value)
    {
        var (code, output, error) = Mm.Run("backtest", "--bars", "--data", "/nonexistent/bars.csv", "--strategy", "fixed", option, value, "--no-save");
        Assert.Equal((2, "", $"error: invalid {name}: a bar backtest does not read {option}: only a replay of order-book data does"), (code, output, error.Trim()));
    }

    [Theory]
    [InlineData("queue-model", "--queue-model", "magic")]
    [InlineData("latency", "--latency", "fast")]
    [InlineData("format", "--format", "excel")]
    [InlineData("hedge", "--hedge", "magic")]
    [InlineData("needs a second --data file", "--hedge", "beta")]
    [InlineData("need a hedged backtest", "--max-exposure", "100")]
    public void BadOptionsAreUsageErrors(string named, string option, string value)
    {
        var (code, _, error) = Mm.Run("backtest", "--data", "/nonexistent/x.gz", "--format", "binance-usdm", option, value, "--calibrate", "0s");
        Assert.Equal(2, code);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--hedge-window", "2", "hedge-window")]
    [InlineData("--hedge-threshold", "-1", "hedge-threshold")]
    [InlineData("--q0", "1", "starts flat")]
    [InlineData("--volatility-half-life", "0s", "volatility-half-life")]
    public void BadHedgeSettingsAreUsageErrorsBeforeTheDataIsRead(string option, string value, string named)
    {
        var (code, _, error) = Mm.Run("backtest", "--data", "/nonexistent/x.gz", "--data", "/nonexistent/y.gz", "--format", "binance-usdm", "--hedge", "beta", option, value);
        Assert.Equal(2, code);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoFilesWithoutAHedgeModeAreAUsageError()
    {
        var (code, _, error) = Mm.Run("backtest", "--data", "/nonexistent/x.gz", "--data", "/nonexistent/y.gz", "--format", "binance-usdm");
        Assert.Equal(2, code);
        Assert.Contains("--hedge beta, cross-venue or none", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("needs at least two --data files", "--arbitrage")]
    [InlineData("venue-taker-fee", "--arbitrage", "--data", "/nonexistent/y.gz", "--venue-taker-fee", "0.1,0.2,0.3")]
    [InlineData("venue-taker-fee", "--arbitrage", "--data", "/nonexistent/y.gz", "--venue-taker-fee", "0.1,x")]
    [InlineData("arbitrage-size", "--arbitrage", "--data", "/nonexistent/y.gz", "--arbitrage-size", "1")]
    [InlineData("arbitrage-size", "--take-arbitrage", "--data", "/nonexistent/y.gz", "--arbitrage-size", "-1")]
    [InlineData("volatility-reference: give one for every instrument or one for all (3 instruments, 2 given)", "--hedge", "beta", "--max-exposure", "100", "--volatility-reference", "0.1,0.2", "--data", "/nonexistent/y.gz", "--data", "/nonexistent/z.gz")]
    public void BadArbitrageOptionsAreUsageErrorsBeforeTheDataIsRead(string named, params string[] options)
    {
        var (code, _, error) = Mm.Run(["backtest", "--data", "/nonexistent/x.gz", "--format", "binance-usdm", .. options]);
        Assert.Equal(2, code);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void AnArbitrageScanPrintsEveryOrderedPairAndEpisodesThatAddUp()
    {
        var (code, output, error) = Mm.Run("backtest", "--data", SharedData.BinanceSpotBtc, "--data", SharedData.BinanceUsdm, "--format", "binance-spot,binance-usdm", "--arbitrage", "--venue-taker-fee", "0.0002", "--no-save", "--json");
        Assert.True(code == 0, error);
        JsonElement scan = JsonDocument.Parse(output).RootElement.GetProperty("arbitrage");
        JsonElement[] pairs = [.. scan.GetProperty("pairs").EnumerateArray()];
        Assert.Equal(["BTCUSDT (binance-spot)", "BTCUSDT (binance-usdm)"], pairs.Select(p => p.GetProperty("sell").GetString()));
        Assert.Equal(scan.GetProperty("episodes").GetArrayLength(), pairs.Sum(p => p.GetProperty("episodes").GetInt32()));
        Assert.All(scan.GetProperty("episodes").EnumerateArray(), e => Assert.True(e.GetProperty("edge_at_start").GetDouble() > 0));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
