using System.Globalization;
using System.Text.Json;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.Metrics;
using MarketMaking.Research.Backtests;
using MarketMaking.Research.Replay;
using MarketMaking.Research.Simulations;
using MarketMaking.Research.Sweeps;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;

namespace MarketMaking.Cli.Tests;

/// <summary>mm only translates options and prints: a run through the Research library gives the command's figures to the last bit.</summary>
public sealed class LibraryEqualsCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-library-").FullName;

    [SharedDataFact]
    public void AReplayBacktestIsMmBacktest()
    {
        var (code, output, error) = Mm.Run("backtest", "--data", SharedData.BinanceUsdm, "--format", "binance-usdm", "--strategy", "as", "--latency", "5ms", "--queue-model", "power", "--json", "--no-save");
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement r = JsonDocument.Parse(output).RootElement.GetProperty("results")[0];

        var backtest = ReplayBacktest.Open(SharedData.BinanceUsdm, "binance-usdm", new ReplaySetup { Latency = LatencySpec.Constant(TimeSpan.FromMilliseconds(5)), QueueModel = QueueModelSpec.Power(2) });
        RunMetrics m = backtest.Run(StrategyCatalog.Create("as", backtest.Baseline())).Metrics;
        Assert.Equal(r.GetProperty("net_pnl").GetDouble(), m.NetPnl);
        Assert.Equal(r.GetProperty("sharpe_per_period").GetDouble(), m.SharpePerPeriod);
        Assert.Equal(r.GetProperty("fills").GetInt64(), m.Fills);
        Assert.Equal(r.GetProperty("markouts")[1].GetProperty("mean_per_unit").GetDouble(), m.Markouts[1].MeanPerUnit);
    }

    [SharedDataFact]
    public void ABarSweepIsMmTuneOnBars()
    {
        string results = Path.Combine(_folder, "bars.csv");
        Assert.Equal(0, Mm.Run("tune", "--market", "bars", "--data", SharedData.Klines, "--strategy", "fixed", "--grid", "spread_bps=10,30", "--grid", "max_inventory=5", "--results", results).Code);
        string[][] rows = [.. File.ReadAllLines(results).Skip(1).Select(l => l.Split(','))];

        var sweep = new BarSweep(BarFiles.Load(SharedData.Klines), new Instrument("btc", 0.01, 0.001), new StrategySettings { OrderQuantity = 0.001 }, s => StrategyCatalog.Create("fixed", s));
        foreach (SweepResult point in Sweep.Run(sweep, ParameterSpace.Grid(["spread_bps=10,30", "max_inventory=5"]), SweepObjective.Pnl))
        {
            string[] row = rows.Single(r => r[1] == point.Point.Key);
            Assert.Equal(double.Parse(row[4], CultureInfo.InvariantCulture), point.Objective);
            Assert.Equal(double.Parse(row[9], CultureInfo.InvariantCulture), point.Fills);   // index, key, two parameters, objective, pnl, sharpe, utility, max_drawdown, fills
        }
    }

    [Fact]
    public void AModelComparisonIsMmSimulate()
    {
        var (code, output, _) = Mm.Run("simulate", "--strategy", "glft,fixed", "--sims", "300", "--seed", "4", "--gamma", "0.2", "--json", "--no-save");
        Assert.Equal(0, code);
        JsonElement[] rows = [.. JsonDocument.Parse(output).RootElement.GetProperty("results").EnumerateArray()];

        ModelMarketParameters market = ModelMarketPresets.AvellanedaStoikov;
        var settings = new StrategySettings { Sigma = market.Sigma, A = market.A, Kappa = market.Kappa, Horizon = market.Horizon, TimeStep = market.TimeStep, Gamma = 0.2 };
        MarketEvaluations library = ModelComparison.Run("as", market, new MonteCarloSettings { Trajectories = 300, Seed = 4 }, [("glft", StrategyCatalog.Create("glft", settings)), ("fixed", StrategyCatalog.Create("fixed", settings))], settings.Gamma);
        for (int i = 0; i < 2; i++)
        {
            MonteCarloSummary s = library.Evaluations[i].Summary;
            Assert.Equal((rows[i].GetProperty("profit_mean").GetDouble(), rows[i].GetProperty("utility_mean_variance").GetDouble()), (s.ProfitMean, s.MeanVarianceUtility));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
