using System.Globalization;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Metrics;
using MarketMaking.Core.Risk;
using MarketMaking.Data.Files;
using MarketMaking.Research.Backtests;
using MarketMaking.Research.Replay;
using MarketMaking.Research.Reports;
using MarketMaking.Research.Simulations;
using MarketMaking.Research.Sweeps;
using MarketMaking.Simulation.Bars;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Tests.Backtests;

/// <summary>A sweep point scores exactly what a backtest of the same settings reports, on every market.</summary>
public class BacktestEqualsSweepTests
{
    [SharedDataFact]
    public void AReplaySweepPointIsAReplayBacktestBitForBit()
    {
        var setup = new ReplaySetup { Latency = LatencySpec.Constant(TimeSpan.FromMilliseconds(5)), MakerFeeRate = -0.00005 };
        ReplayEvents events = ReplayEvents.Load(SharedData.BinanceUsdm, "binance-usdm", new MarketDataOptions());
        ReplaySession session = ReplaySession.Open(setup, () => events.Source());
        var sweep = new ReplaySweep(events, session, session.Baseline(), s => StrategyCatalog.Create("fixed", s));
        var backtest = ReplayBacktest.Open(SharedData.BinanceUsdm, "binance-usdm", setup);

        // The same data read two ways gives the same calibration.
        Assert.Equal(session.Calibration!.Sigma, backtest.Session.Calibration!.Sigma);
        Assert.Equal((session.Calibration.A, session.Calibration.Kappa), (backtest.Session.Calibration.A, backtest.Session.Calibration.Kappa));
        foreach (SweepPoint point in ParameterSpace.Grid(["spread_bps=2,5", "max_inventory=5,20"]))
        {
            SweepResult scored = sweep.Evaluate(point);
            RunMetrics m = backtest.Run(StrategyCatalog.Create("fixed", TunableParameters.Apply(backtest.Baseline(), point.Values))).Metrics;
            Assert.Equal((m.NetPnl, m.SharpePerPeriod, (double)m.Fills, m.MaxDrawdown), (scored.Pnl, scored.Sharpe, scored.Fills, scored.MaxDrawdown));
            Assert.True(m.Fills > 0, "every point trades on six minutes of BTCUSDT");
        }
    }

    [SharedDataFact]
    public void ABarSweepPointIsABarBacktest()
    {
        Bar[] bars = BarFiles.Load(SharedData.Klines);
        var instrument = new Instrument("btc", 0.01, 0.001);
        var baseline = new StrategySettings { OrderQuantity = 0.001 };
        var sweep = new BarSweep(bars, instrument, baseline, s => StrategyCatalog.Create("fixed", s));
        BarBacktest backtest = BarBacktest.Open(SharedData.Klines, null, instrument, new BarSettings());
        Assert.Equal(60, backtest.BarSeconds);

        SweepPoint point = ParameterSpace.Grid(["spread_bps=20", "max_inventory=10"])[0];
        StrategySettings settings = TunableParameters.Apply(baseline, point.Values);
        RunMetrics m = backtest.Run(StrategyCatalog.Create("fixed", settings), backtest.Settings(settings)).Metrics;
        SweepResult scored = sweep.Evaluate(point);
        Assert.Equal((m.NetPnl, m.SharpePerPeriod, (double)m.Fills), (scored.Pnl, scored.Sharpe, scored.Fills));
        Assert.True(m.Fills > 100);
    }

    [Fact]
    public void AModelSweepPointIsAModelComparisonRun()
    {
        ModelMarketParameters market = ModelMarketPresets.AvellanedaStoikov;
        var baseline = new StrategySettings { Sigma = market.Sigma, A = market.A, Kappa = market.Kappa, Horizon = market.Horizon, TimeStep = market.TimeStep };
        var monteCarlo = new MonteCarloSettings { Trajectories = 300, Seed = 5 };
        var sweep = new ModelSweep(market, baseline, s => StrategyCatalog.Create("as", s), monteCarlo);
        SweepPoint point = ParameterSpace.Grid(["gamma=0.5"])[0];
        StrategySettings settings = baseline with { Gamma = 0.5 };
        MonteCarloSummary summary = ModelComparison.Run("as", market, monteCarlo, [("as", StrategyCatalog.Create("as", settings))], settings.Gamma).Evaluations[0].Summary;

        SweepResult scored = sweep.Evaluate(point);
        Assert.Equal((summary.ProfitMean, summary.SharpePerRun, summary.MeanVarianceUtility, summary.FillsMean), (scored.Pnl, scored.Sharpe, scored.Utility, scored.Fills));
        Assert.Equal(summary.ProfitMean - (0.5 / 2 * summary.ProfitStd * summary.ProfitStd), scored.Utility, 9);   // E − γ/2·Var
    }

    [SharedDataFact]
    public void WalkForwardOfABarSweepIsTheFoldLoopScoringEachWindowsBars()
    {
        Bar[] bars = BarFiles.Load(SharedData.Klines)[..(3 * 24 * 60)];   // three days of minutes
        var sweep = new BarSweep(bars, new Instrument("btc", 0.01, 0.001), new StrategySettings { OrderQuantity = 0.001 }, s => StrategyCatalog.Create("fixed", s));
        IReadOnlyList<SweepPoint> points = ParameterSpace.Grid(["spread_bps=10,30"]);
        List<WalkForwardFold> folds = WalkForward.Run(sweep, TimeSpan.FromDays(1), TimeSpan.FromHours(12), points, SweepObjective.Pnl);
        List<WalkForwardFold> byHand = WalkForward.Run(bars, TimeSpan.FromDays(1), TimeSpan.FromHours(12), points, (window, point) => sweep.Window(window).Evaluate(point).Pnl);

        // Folds start every 12 hours while a day plus 12 hours fits between the first and the last open
        // (71 h 59 min): at 0, 12 and 24 h; one at 36 h would end at 72 h.
        Assert.Equal([0L, 12, 24], folds.Select(f => (f.TrainStart - bars[0].OpenTime) / 3_600_000_000_000));
        Assert.Equal(byHand, folds);
    }

    [SharedDataFact]
    public void ABacktestReportsItsDataAndSettings()
    {
        var backtest = ReplayBacktest.Open(SharedData.BinanceUsdm, "binance-usdm", new ReplaySetup { Latency = LatencySpec.Constant(TimeSpan.FromMilliseconds(5)) });
        StrategySettings settings = backtest.Baseline();
        BacktestRun run = backtest.RunAll([("as", StrategyCatalog.Create("as", settings)), ("fixed", StrategyCatalog.Create("fixed", settings))], ReplayBacktest.Settings(new RiskLimits { MaxPosition = 0.01 }), DescribedSettings.For(settings, ["as", "fixed"]), (null, null, null));
        Assert.Equal(["as", "fixed"], run.Results.Select(r => r.Strategy));
        Assert.Equal(["data", "instrument", "calibration", "execution", "replay", "data quality", "strategy settings"], run.Settings.Select(kv => kv.Key));
        Assert.Equal($"{SharedData.BinanceUsdm} (binance-usdm)", run.Settings[0].Value);
        Assert.Matches(@"^first 60 s: σ \S+ per √s \[\S+, \S+\], A \S+/s \[\S+, \S+\], κ \S+ per price unit \[\S+, \S+\]$", run.Settings[2].Value);
        Assert.Matches(@"^first 60 s: σ 3 per √s \(given\), A \S+/s \[\S+, \S+\], κ 0\.8 per price unit \(given\)$", backtest.Session.CalibrationText(sigma: 3, kappa: 0.8));
        Assert.Equal("queue model risk-averse; latency 5ms entry, 5ms cancel; requote interval 100ms", run.Settings[3].Value);
        Assert.All(run.Rows, r => Assert.True(r.MaxAbsQ <= 0.01 + 1e-12, "the position limit holds"));
        Assert.Equal([1.0, 5, 30], run.Rows[0].Markouts.Select(m => m.Horizon));

        // The replay line gives each strategy's own fills by cause, and they add up to its fills.
        string replay = run.Settings[4].Value;
        foreach (RunRow row in run.Rows)
        {
            System.Text.RegularExpressions.Match causes = System.Text.RegularExpressions.Regex.Match(replay, $@"{row.Strategy}: our orders refused as crossing \d+, fills by queue (\d+), by trade-through (\d+), by book crossing (\d+)");
            Assert.True(causes.Success, replay);
            Assert.Equal(row.Fills, Enumerable.Range(1, 3).Sum(g => long.Parse(causes.Groups[g].Value, CultureInfo.InvariantCulture)));
        }
    }
}
