using MarketMaking.Core.Risk;
using MarketMaking.Research.Quoting;
using MarketMaking.Research.Simulations;
using MarketMaking.Simulation.Agents;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Tests.Simulations;

public class ComparisonTests
{
    [Fact]
    public void ComparableSettingsGiveEveryModelTheSamePenaltyAndAsSpread()
    {
        // AS market (σ 2, κ 1.5, T 1, S0 100), γ 0.1: AS's average spread γσ²T/2 + (2/γ)ln(1 + γ/κ) = 0.2 + 20·ln(16/15) ≈ 1.4908 (the paper's 1.49).
        StrategySettings s = ModelComparison.ComparableSettings(ModelMarketPresets.AvellanedaStoikov);
        double spread = 0.2 + (20 * Math.Log(16.0 / 15));
        Assert.Equal(1.4908, spread, 4);
        Assert.Equal(spread, s.BaseSpread, 12);
        Assert.Equal(spread / 100 * 1e4, s.SpreadBps, 9);
        Assert.Equal(0.2, s.Phi, 12);             // φ = γσ²/2
        Assert.Equal(0.2, s.InventorySkew, 12);   // γσ²T/2
        Assert.Equal(0, s.AlphaSkew);
        Assert.Equal(1.0 / 20, ModelComparison.ComparableSettings(ModelMarketPresets.Get("adverse")).AlphaSkew, 12);   // 1/θ with θ = 20
    }

    [Fact]
    public void TheDemoRunsEveryModelOnEveryPresetOnTheSameTrajectories()
    {
        var monteCarlo = new MonteCarloSettings { Trajectories = 200, Seed = 3 };
        IReadOnlyList<MarketEvaluations> demo = ModelComparison.Demo(monteCarlo);
        Assert.Equal(ModelMarketPresets.Names, demo.Select(m => m.Name));
        Assert.All(demo, m => Assert.Equal(ModelComparison.DemoStrategies, m.Evaluations.Select(e => e.Label)));
        Assert.All(demo.SelectMany(m => m.Evaluations), e => Assert.Equal(200, e.Summary.Trajectories));

        // Each figure is that of a comparison of the one model alone: strategies do not share state.
        StrategySettings settings = ModelComparison.ComparableSettings(ModelMarketPresets.AvellanedaStoikov);
        MarketEvaluations alone = ModelComparison.Run("as", ModelMarketPresets.AvellanedaStoikov, monteCarlo, [("glft", StrategyCatalog.Create("glft", settings))], settings.Gamma);
        Assert.Equal(alone.Evaluations[0].Summary.ProfitMean, demo[0].Evaluations.Single(e => e.Label == "glft").Summary.ProfitMean);

        // The model's time unit (T = 1) is not calendar time: its trajectory's Sharpe, per step of dt, is not annualized.
        Core.Metrics.RunMetrics sample = demo[0].Evaluations[0].Sample.Metrics;
        Assert.Equal(0.005, sample.SamplePeriod);
        Assert.True(double.IsFinite(sample.SharpePerPeriod));
        Assert.True(double.IsNaN(sample.SharpeAnnualized));
    }

    [Fact]
    public void AgentMarketComparisonsArePairedSeedBySeed()
    {
        var market = new AgentMarketParameters { Duration = 120 };
        AgentMarketSetup setup = AgentMarketSetup.Calibrate("lob/short", market, 1, 600, s => s with { SpreadBps = 5 });
        Assert.Equal((120.0, 0.1, 1.0, 5.0), (setup.Settings.Horizon, setup.Settings.TimeStep, setup.Settings.OrderQuantity, setup.Settings.SpreadBps));
        Assert.Equal(setup.Calibration.Sigma.Value, setup.Settings.Sigma);
        Assert.EndsWith("from 600 s of the market's tape", setup.CalibrationText, StringComparison.Ordinal);

        var settings = new AgentMarketRunSettings { Runs = 3, Seed = 11, Risk = new RiskLimits { MaxPosition = 5 } };
        AgentMarketComparison comparison = AgentMarketComparison.Run(setup, [StrategyChoice.Parse("fixed"), StrategyChoice.Parse("as"), StrategyChoice.Parse("fixed")], settings);
        Assert.Equal(["fixed", "as", "fixed"], comparison.Rows.Select(r => r.Strategy));
        Assert.All(comparison.Evaluations, e => Assert.Equal(3, e.Runs.Count));

        // The same strategy on the same seeds: every paired difference is exactly zero.
        PairedComparison same = comparison.Differences[1];
        Assert.Equal((0.0, 0.0), (same.Pnl.Mean, same.MeanAbsInventory.Mean));
        Assert.Equal(comparison.Evaluations[1].Summary.ProfitMean - comparison.Evaluations[0].Summary.ProfitMean, comparison.Differences[0].Pnl.Mean, 9);
        Assert.Equal(["market", "calibration", "runs", "position limit", "orders refused on arrival (would have crossed)", "risk rejections", "as − fixed", "fixed − fixed"], comparison.SettingsItems().Select(kv => kv.Key));
        Assert.All(comparison.Evaluations.SelectMany(e => e.Runs), r => Assert.True(r.Metrics.MaxAbsInventory <= 5));

        // The book's time is seconds around the clock: Sharpe per second, annualized by the 31,536,000 seconds of a year.
        Core.Metrics.RunMetrics run = comparison.Evaluations[1].Runs[0].Metrics;
        Assert.Equal(1, run.SamplePeriod);
        Assert.Equal(run.SharpePerPeriod * Math.Sqrt(31_536_000), run.SharpeAnnualized, 9);
        Assert.True(double.IsFinite(run.SharpeAnnualized));
    }

    [Fact]
    public void StylizedFactsOfAShortMarketAreConsistent()
    {
        StylizedFactsReport facts = StylizedFactsRun.Measure(new AgentMarketParameters { Duration = 1800 }, 2);
        Assert.Equal(29, facts.Minutes);   // 1-minute returns between the 30 minutes' mids
        Assert.Equal(1, facts.SpreadShares.Sum(), 9);
        Assert.Equal(10, facts.AbsoluteReturnAutocorrelation.Count);
        Assert.True(facts.Trades > 0 && facts.Events > facts.Trades);
    }
}
