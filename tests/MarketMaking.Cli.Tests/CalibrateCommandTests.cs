using System.Text.Json;

namespace MarketMaking.Cli.Tests;

public class CalibrateCommandTests
{
    [Fact]
    public void ModelTapeIsRecoveredWithinTheIntervalsAndImpliedQuotesFollow()
    {
        var (code, output, error) = Mm.Run("calibrate", "--market", "model", "--A", "60", "--kappa", "2", "--sigma", "1.5", "--duration", "150", "--gamma", "0.2", "--json");
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement root = JsonDocument.Parse(output).RootElement;
        foreach ((string key, double truth) in new[] { ("sigma", 1.5), ("a", 60.0), ("kappa", 2.0) })
        {
            JsonElement e = root.GetProperty(key);
            Assert.InRange(truth, e.GetProperty("lower").GetDouble(), e.GetProperty("upper").GetDouble());
        }

        // AS at q = 0, T − t = 1: half spread γσ²/2 + (1/γ)ln(1 + γ/κ) with the ESTIMATES.
        double sigma = root.GetProperty("sigma").GetProperty("value").GetDouble();
        double kappa = root.GetProperty("kappa").GetProperty("value").GetDouble();
        double expected = (0.2 * sigma * sigma / 2) + (5 * Math.Log(1 + (0.2 / kappa)));
        Assert.Equal(expected, root.GetProperty("quotes").GetProperty("as").GetProperty("half_spread").GetDouble(), 9);
        Assert.Equal(150, root.GetProperty("observed_seconds").GetDouble(), 6);
    }

    [SharedDataFact]
    public void RecordedDataIsCalibratedInPriceUnits()
    {
        var (code, output, error) = Mm.Run("calibrate", "--data", SharedData.BinanceUsdm, "--format", "binance-usdm", "--json");
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement root = JsonDocument.Parse(output).RootElement;

        // 5¾ minutes of BTCUSDT: the whole file is observed.
        Assert.InRange(root.GetProperty("observed_seconds").GetDouble(), 340, 346);
        foreach (string key in new[] { "sigma", "a", "kappa" })
        {
            Assert.True(root.GetProperty(key).GetProperty("lower").GetDouble() > 0);
        }

        // σ (price units per √s, from the mid sampled every second) against the same realized
        // volatility computed here from the last trade price, read from the file independently.
        // The two prices differ by about half a spread (one 0.1 tick on a 61,800 price) where σ is
        // dollars per second, and by where in each second they were last seen: within 10%.
        double fromTrades = TradePriceVolatility(SharedData.BinanceUsdm, "binance-usdm");
        Assert.InRange(root.GetProperty("sigma").GetProperty("value").GetDouble() / fromTrades, 0.9, 1.1);

        // Half a minute of data gives a wider interval for κ than the whole file.
        JsonElement shortKappa = JsonDocument.Parse(Mm.Run("calibrate", "--data", SharedData.BinanceUsdm, "--format", "binance-usdm", "--window", "30s", "--json").Output).RootElement.GetProperty("kappa");
        JsonElement longKappa = root.GetProperty("kappa");
        Assert.True(shortKappa.GetProperty("upper").GetDouble() - shortKappa.GetProperty("lower").GetDouble() > longKappa.GetProperty("upper").GetDouble() - longKappa.GetProperty("lower").GetDouble());
    }

    /// <summary>√(Σ(ΔP)² / n) of the last trade price sampled every second (local time) from the first trade.</summary>
    private static double TradePriceVolatility(string path, string format)
    {
        using MarketMaking.Data.Files.MarketDataReader reader = MarketMaking.Data.Files.MarketDataFormats.Open(path, format);
        double tick = reader.Instrument.TickSize;
        var buffer = new MarketMaking.Core.MarketData.MarketEvent[4096];
        double last = double.NaN, sampled = double.NaN, squares = 0;
        long next = 0, increments = 0;
        for (int count; (count = reader.Read(buffer)) > 0;)
        {
            foreach (MarketMaking.Core.MarketData.MarketEvent e in buffer.AsSpan(0, count))
            {
                if (e.Kind != MarketMaking.Core.MarketData.MarketEventKind.Trade)
                {
                    continue;
                }

                if (double.IsNaN(last))
                {
                    (last, sampled, next) = (e.Price * tick, e.Price * tick, e.LocalTime + 1_000_000_000);
                    continue;
                }

                while (e.LocalTime > next)
                {
                    squares += (last - sampled) * (last - sampled);
                    increments++;
                    sampled = last;
                    next += 1_000_000_000;
                }

                last = e.Price * tick;
            }
        }

        return Math.Sqrt(squares / increments);
    }

    [Fact]
    public void TheAgentMarketIsCalibratedOnItsOwnTape()
    {
        var (code, output, _) = Mm.Run("calibrate", "--market", "lob", "--preset", "liquid", "--duration", "600", "--json");
        Assert.Equal(0, code);
        JsonElement root = JsonDocument.Parse(output).RootElement;
        Assert.True(root.GetProperty("arrivals").GetInt64() > 1000);
        Assert.True(root.GetProperty("kappa").GetProperty("value").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("true").ValueKind); // no known truth for an agent market
    }

    /// <summary>The table names each parameter's unit: σ of a whole day and of a backtest's first minute differ threefold, and without units the two read as a contradiction.</summary>
    [Fact]
    public void TheTableNamesEachParametersUnit()
    {
        var (code, output, error) = Mm.Run("calibrate", "--market", "model", "--duration", "20");
        Assert.True(code == 0, error);
        string[] rows = [.. output.Split('\n').Where(l => l.StartsWith('│')).Select(l => l.Split('│')[1].Trim())];
        Assert.Equal(["parameter", "σ (price/√s)", "A (orders/s)", "κ (1/price)"], rows);
    }

    /// <summary>A tape too long to simulate in minutes is refused before it starts: --duration 1e12 streamed and never ended.</summary>
    [Theory]
    [InlineData("error: invalid duration: 1000000000000 s is 200,000,000,000,000 steps of dt 0.005: at most 1,000,000,000 (minutes of compute)", "--duration", "1e12")]
    [InlineData("error: invalid duration: 5000001 s is 1,000,000,200 steps of dt 0.005: at most 1,000,000,000 (minutes of compute)", "--duration", "5000001")]
    [InlineData("error: invalid duration: at most a year of the agent-based market (31,536,000 s, minutes of compute), got 31536001", "--market", "lob", "--duration", "31536001")]
    public void ATapeTooLongToSimulateIsRefused(string expected, params string[] args)
    {
        var (code, output, error) = Mm.Run(["calibrate", .. args]);
        Assert.Equal((2, string.Empty, expected), (code, output, error.Trim()));
    }

    /// <summary>An option the chosen source does not read changed nothing, silently: `--data F --A 5` estimated A from the file.</summary>
    [Theory]
    [InlineData("error: invalid A: mm calibrate --data (the file's market) does not read --A", "--data", "/nonexistent/x.gz", "--A", "5")]
    [InlineData("error: invalid duration: mm calibrate --data (the file's market) does not read --duration", "--data", "/nonexistent/x.gz", "--duration", "50")]
    [InlineData("error: invalid sigma-interval: mm calibrate --data (the file's market) does not read --sigma-interval", "--data", "/nonexistent/x.gz", "--sigma-interval", "1")]
    [InlineData("error: invalid window: --market model does not read --window", "--window", "5m")]
    [InlineData("error: invalid preset: --market model does not read --preset", "--preset", "liquid")]
    [InlineData("error: invalid kappa: --market lob does not read --kappa", "--market", "lob", "--kappa", "2")]
    [InlineData("error: invalid depth-levels: --market lob does not read --depth-levels", "--market", "lob", "--depth-levels", "10")]
    public void AnOptionTheSourceDoesNotReadIsRefused(string expected, params string[] args)
    {
        var (code, output, error) = Mm.Run(["calibrate", .. args]);
        Assert.Equal((2, "", expected), (code, output, error.Trim()));
    }

    [Fact]
    public void UnknownSourceIsAUsageError()
    {
        var (code, _, error) = Mm.Run("calibrate", "--market", "moon");
        Assert.Equal(2, code);
        Assert.Contains("market", error, StringComparison.Ordinal);
    }
}
