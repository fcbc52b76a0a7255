using MarketMaking.Core.Metrics;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;

namespace MarketMaking.Simulation.Tests.Engine;

public class SlippageTests
{
    [Fact]
    public void SlippageCostsExactlyWhatItMovesThePricesAndNothingElseChanges()
    {
        // The same paths with and without 5 bp of slippage: same fills, PnL lower by Σ 5 bp·price·qty.
        var market = new ModelMarketParameters { Horizon = 1, TimeStep = 0.01 };
        IQuotingStrategy strategy = StrategyCatalog.Create("as", new StrategySettings { Horizon = 1, TimeStep = 0.01 });
        RunMetrics plain = EventLoop.Run(new ModelMarket(market, 7, 0), strategy, new RunSettings()).Metrics;
        RunMetrics slipped = EventLoop.Run(new ModelMarket(market, 7, 0), strategy, new RunSettings { SlippageBps = 5 }).Metrics;

        Assert.True(plain.Fills > 10);
        Assert.Equal(plain.Fills, slipped.Fills);
        Assert.Equal(0, plain.SlippageCost);

        // Every fill is near the mid of 100 and of one unit: about 5 bp × 100 = 0.05 each.
        Assert.InRange(slipped.SlippageCost / slipped.Fills, 0.045, 0.055);
        Assert.Equal(plain.NetPnl - slipped.SlippageCost, slipped.NetPnl, 9);
        Assert.Equal(plain.EdgeEarned - slipped.SlippageCost, slipped.EdgeEarned, 9);
    }

    [Fact]
    public void NegativeSlippageIsRefusedByName() =>
        Assert.Equal("slippage_bps", Assert.Throws<Core.Errors.InvalidParameterException>(() => new RunSettings { SlippageBps = -1 }.Validate()).Parameter);

    [Fact]
    public void TheVectorizedModelMarketChargesSlippageOnTheSameFills()
    {
        // 1,000 trajectories with and without 4 bp: fills unchanged, mean PnL lower by the mean cost,
        // and the cost per fill about 4 bp of a price near 100 (one unit per fill).
        var market = new ModelMarketParameters();
        IQuotingStrategy strategy = StrategyCatalog.Create("as", new StrategySettings());
        var settings = new MonteCarloSettings { Trajectories = 1000, Seed = 3 };
        MonteCarloSummary plain = new MonteCarloEngine(market, settings).Run(strategy).Summarize(0.1, default);
        MonteCarloSummary slipped = new MonteCarloEngine(market, settings with { SlippageBps = 4 }).Run(strategy).Summarize(0.1, default);

        Assert.Equal(plain.FillsMean, slipped.FillsMean);
        Assert.Equal(0, plain.SlippageMean);
        Assert.InRange(slipped.SlippageMean / slipped.FillsMean, 0.038, 0.042);
        Assert.Equal(plain.ProfitMean - slipped.SlippageMean, slipped.ProfitMean, 9);
        Assert.Equal(plain.EdgeMean - slipped.SlippageMean, slipped.EdgeMean, 9);
    }

    [Fact]
    public void NegativeSlippageIsRefusedByTheMonteCarloSettings() =>
        Assert.Equal("slippage_bps", Assert.Throws<Core.Errors.InvalidParameterException>(() => new MonteCarloSettings { SlippageBps = -1 }.Validate()).Parameter);
}
