using MarketMaking.Core.Accounting;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;

namespace MarketMaking.Simulation.Tests.Model;

public class MarketImpactTests
{
    [Fact]
    public void WithoutVolatilityTheMidMovesOnlyByImpactAgainstOurNetPosition()
    {
        // σ = 0: the only thing that moves the mid is our fills, so S_T = S_0 − impact·(bought − sold)
        // = S_0 − impact·q_T on every trajectory (we start flat).
        var market = new ModelMarketParameters { Sigma = 0, MarketImpact = 0.02 };
        IQuotingStrategy strategy = StrategyCatalog.Create("as", new StrategySettings());
        TrajectoryOutcomes outcomes = new MonteCarloEngine(market, new MonteCarloSettings { Trajectories = 200, Seed = 5 }).Run(strategy).Outcomes;
        for (int i = 0; i < outcomes.Count; i++)
        {
            Assert.Equal(100 - (0.02 * outcomes.FinalInventory[i]), outcomes.FinalMid[i], 9);
        }
    }

    [Fact]
    public void EachFillSeesTheMidMovedByEveryEarlierStepsFills()
    {
        // The event-loop market, σ = 0: the mid at a fill is S_0 − impact·(net quantity bought in
        // earlier steps); fills in the same step see the same mid (it moves after the step).
        var market = new ModelMarketParameters { Sigma = 0, MarketImpact = 0.03 };
        IQuotingStrategy strategy = StrategyCatalog.Create("as", new StrategySettings());
        RunResult run = EventLoop.Run(new ModelMarket(market, 11), strategy, new RunSettings { RecordSeries = true, MaxSeriesPoints = 100_000 });
        IReadOnlyList<Fill> fills = run.Series!.Fills;
        Assert.True(fills.Count > 50);
        Assert.Equal(run.Metrics.Fills, fills.Count);

        double netBefore = 0, pending = 0, stepTime = fills[0].Time;
        foreach (Fill fill in fills)
        {
            if (fill.Time != stepTime)
            {
                (netBefore, pending, stepTime) = (netBefore + pending, 0, fill.Time);
            }

            Assert.Equal(100 - (0.03 * netBefore), fill.Mid, 9);
            pending += fill.Side == Side.Buy ? fill.Quantity : -fill.Quantity;
        }
    }

    [Fact]
    public void ImpactAgainstUsLowersTheMeanPnl()
    {
        // Every fill is followed by a move against the position it opened: the same strategy earns less.
        IQuotingStrategy strategy = StrategyCatalog.Create("as", new StrategySettings());
        var settings = new MonteCarloSettings { Trajectories = 2000, Seed = 9 };
        double plain = new MonteCarloEngine(new ModelMarketParameters(), settings).Run(strategy).Summarize(0.1).ProfitMean;
        double impacted = new MonteCarloEngine(new ModelMarketParameters { MarketImpact = 0.1 }, settings).Run(strategy).Summarize(0.1).ProfitMean;
        Assert.True(impacted < plain - 2, $"PnL {impacted} with impact, {plain} without");
    }

    [Fact]
    public void NegativeImpactIsRefusedByName() =>
        Assert.Equal("market_impact", Assert.Throws<InvalidParameterException>(() => new ModelMarketParameters { MarketImpact = -0.1 }.Validate()).Parameter);
}
