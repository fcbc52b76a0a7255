using MarketMaking.Core.Errors;
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
