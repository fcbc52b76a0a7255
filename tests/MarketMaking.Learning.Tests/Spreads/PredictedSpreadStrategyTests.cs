using MarketMaking.Core.Quoting;
using MarketMaking.Learning.Neural;
using MarketMaking.Learning.Spreads;
using MarketMaking.Signals.Features;

namespace MarketMaking.Learning.Tests.Spreads;

public class PredictedSpreadStrategyTests
{
    // One identity layer: predicted half-spread = 2·spread + 0.5 ticks.
    private static SpreadPredictor Linear(double maxHalfSpread = double.PositiveInfinity)
    {
        var layer = new DenseLayer(1, 1, Activation.Identity);
        layer.Weights[0] = 2;
        layer.Bias[0] = 0.5f;
        return new SpreadPredictor(["spread"], [0.0], [1.0], new Mlp([layer]), targetScale: 1, window: 30, minHalfSpread: 0.5, maxHalfSpread);
    }

    private static double[] Features(double spread)
    {
        var row = new double[MarketFeatures.Names.Count];
        row[MarketFeatures.IndexOf("spread")] = spread;
        return row;
    }

    [Fact]
    public void QuotesThePredictedSpreadAroundASkewedCentre()
    {
        // Spread 1 tick → half 2.5 ticks = 0.025; q = 2 lots, skew 0.001 per lot: centre 99.998.
        var strategy = new PredictedSpreadStrategy(Linear(), tick: 0.01, orderQuantity: 1, inventorySkew: 0.001, maxInventory: 5);
        QuoteDecision decision = strategy.Decide(new QuoteContext { Mid = 100, Inventory = 2, Features = Features(1) });

        Assert.Equal(99.973, decision.Bids[0].Price, 12);
        Assert.Equal(100.023, decision.Asks[0].Price, 12);
        Assert.Equal("nn-spread", strategy.Name);
    }

    [Fact]
    public void StopsBuyingAtTheLimitAndFallsBackBeforeFeaturesExist()
    {
        var strategy = new PredictedSpreadStrategy(Linear(), tick: 0.01, orderQuantity: 1, inventorySkew: 0, maxInventory: 5);
        QuoteDecision atLimit = strategy.Decide(new QuoteContext { Mid = 100, Inventory = 5, Features = Features(1) });
        Assert.Equal((0, 1), (atLimit.BidCount, atLimit.AskCount));

        // NaN spread (no book yet): the training mean (scale 1 tick) is quoted.
        QuoteDecision early = strategy.Decide(new QuoteContext { Mid = 100, Features = Features(double.NaN) });
        Assert.Equal(99.99, early.Bids[0].Price, 12);
    }

    [Fact]
    public void QuotesNoWiderThanTheLargestCandidateTrainedOn()
    {
        // Spread 10 ticks: the network says 20.5 ticks, the model was trained on candidates up to 5.
        var strategy = new PredictedSpreadStrategy(Linear(maxHalfSpread: 5), tick: 0.01, orderQuantity: 1, inventorySkew: 0, maxInventory: 5);
        QuoteDecision decision = strategy.Decide(new QuoteContext { Mid = 100, Features = Features(10) });
        Assert.Equal(99.95, decision.Bids[0].Price, 12);
        Assert.Equal(100.05, decision.Asks[0].Price, 12);
    }
}
