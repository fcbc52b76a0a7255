using MarketMaking.Core.Metrics;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Model;
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
}
