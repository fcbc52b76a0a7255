using MarketMaking.Core.Errors;
using MarketMaking.Strategies.Models;

namespace MarketMaking.Strategies.Tests.Models;

public class FixedSpreadStrategyTests
{
    [Fact]
    public void FlatQuotesSpreadAroundMid()
    {
        // 20 bps of 100 = 0.2 total: 99.9 / 100.1.
        var decision = new FixedSpreadStrategy(new FixedSpreadParameters(SpreadBps: 20)).Decide(Contexts.At(100, 0, 1));

        Assert.Equal(99.9, decision.Bids[0].Price, 12);
        Assert.Equal(100.1, decision.Asks[0].Price, 12);
    }

    [Fact]
    public void HalfInventorySkewsCentre()
    {
        // q = 10 of 20, skew 0.5: centre = 100 − 0.5·0.5·0.1 = 99.975 → 99.875 / 100.075.
        var strategy = new FixedSpreadStrategy(new FixedSpreadParameters(SpreadBps: 20, MaxInventory: 20, SkewFactor: 0.5));

        var decision = strategy.Decide(Contexts.At(100, 10, 1));

        Assert.Equal(99.875, decision.Bids[0].Price, 12);
        Assert.Equal(100.075, decision.Asks[0].Price, 12);
    }

    [Fact]
    public void FullInventoryWithSkewOnePutsNearQuoteAtMid()
    {
        // q = Q, skew 1: centre = mid − half, so the ask sits at the mid and the bid is withdrawn.
        var strategy = new FixedSpreadStrategy(new FixedSpreadParameters(SpreadBps: 50, MaxInventory: 4, OrderQuantity: 0.25, SkewFactor: 1));

        var longFull = strategy.Decide(Contexts.At(2000, 1, 1));
        var shortFull = strategy.Decide(Contexts.At(2000, -1, 1));

        Assert.Equal((0, 1), (longFull.BidCount, longFull.AskCount));
        Assert.Equal(2000, longFull.Asks[0].Price, 10);
        Assert.Equal((1, 0), (shortFull.BidCount, shortFull.AskCount));
        Assert.Equal(2000, shortFull.Bids[0].Price, 10);
        Assert.Equal(0.25, shortFull.Bids[0].Quantity);
    }

    [Fact]
    public void CarriesUpdateInterval()
    {
        var strategy = new FixedSpreadStrategy(new FixedSpreadParameters(UpdateInterval: 2.5));

        Assert.Equal(2.5, strategy.UpdateInterval);
        Assert.Equal("fixed", strategy.Name);
    }

    [Fact]
    public void RejectsBadParameters()
    {
        Assert.Equal("spread_bps", Assert.Throws<InvalidParameterException>(() => new FixedSpreadStrategy(new FixedSpreadParameters(SpreadBps: -1))).Parameter);
        Assert.Equal("update_freq", Assert.Throws<InvalidParameterException>(() => new FixedSpreadStrategy(new FixedSpreadParameters(UpdateInterval: -1))).Parameter);
        Assert.Equal("max_inventory", Assert.Throws<InvalidParameterException>(() => new FixedSpreadStrategy(new FixedSpreadParameters(MaxInventory: 0))).Parameter);
    }
}
