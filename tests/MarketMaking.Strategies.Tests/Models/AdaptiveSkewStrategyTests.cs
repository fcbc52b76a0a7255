using MarketMaking.Core.Errors;
using MarketMaking.Signals.Features;
using MarketMaking.Strategies.Models;

namespace MarketMaking.Strategies.Tests.Models;

public class AdaptiveSkewStrategyTests
{
    private static readonly AdaptiveSkewParameters Defaults = new();

    [Fact]
    public void SpreadScalesWithVolatility()
    {
        // base 1.5 at reference 2; volatility 4 doubles the half spread: 0.75·2 = 1.5 → 98.5 / 101.5.
        var decision = new AdaptiveSkewStrategy(Defaults).Decide(Contexts.At(100, 0, 1, volatility: 4));

        Assert.Equal(98.5, decision.Bids[0].Price, 12);
        Assert.Equal(101.5, decision.Asks[0].Price, 12);
    }

    [Fact]
    public void ImbalanceSkewLeansTowardsTheHeavierSide()
    {
        // Imbalance +0.5 (bids heavier) with imbalance_skew 0.4: centre 100 + 0.2; half 0.75 at the reference volatility.
        var features = new double[MarketFeatures.Names.Count];
        features[MarketFeatures.IndexOf("imbalance")] = 0.5;
        var strategy = new AdaptiveSkewStrategy(Defaults with { ImbalanceSkew = 0.4 });
        var decision = strategy.Decide(Contexts.At(100, 0, 1, volatility: 2) with { Features = features });

        Assert.Equal(99.45, decision.Bids[0].Price, 12);
        Assert.Equal(100.95, decision.Asks[0].Price, 12);
        Assert.NotNull(strategy.FeatureSettings);
        Assert.Null(new AdaptiveSkewStrategy(Defaults).FeatureSettings);

        // Without features (a model market) the skew is silently off.
        Assert.Equal(99.25, strategy.Decide(Contexts.At(100, 0, 1, volatility: 2)).Bids[0].Price, 12);
    }

    [Fact]
    public void SpreadNeverBelowMinimum()
    {
        // volatility 0.2: half 0.75·0.1 = 0.075 < min_spread/2 = 0.5.
        var decision = new AdaptiveSkewStrategy(Defaults with { MinSpread = 1 }).Decide(Contexts.At(100, 0, 1, volatility: 0.2));

        Assert.Equal(99.5, decision.Bids[0].Price, 12);
        Assert.Equal(100.5, decision.Asks[0].Price, 12);
    }

    [Theory]
    [InlineData(0.0, 5.0)]
    [InlineData(2.0, double.NaN)]
    public void UnscaledWithoutReferenceOrEstimate(double reference, double volatility)
    {
        var decision = new AdaptiveSkewStrategy(Defaults with { VolatilityReference = reference }).Decide(Contexts.At(100, 0, 1, volatility));

        Assert.Equal(99.25, decision.Bids[0].Price, 12);
        Assert.Equal(100.75, decision.Asks[0].Price, 12);
    }

    [Fact]
    public void LinearSkewAndShrinkingSizeBelowSeventyPercent()
    {
        // q = 10 of 20 (u = 0.5): centre = 100 − 0.05·10 = 99.5; bid grows |q| → size 1·(1 − 0.5) = 0.5.
        var decision = new AdaptiveSkewStrategy(Defaults).Decide(Contexts.At(100, 10, 1, volatility: 2));

        Assert.Equal(99.5 - 0.75, decision.Bids[0].Price, 12);
        Assert.Equal(99.5 + 0.75, decision.Asks[0].Price, 12);
        Assert.Equal(0.5, decision.Bids[0].Quantity, 12);
        Assert.Equal(1.0, decision.Asks[0].Quantity);
    }

    [Fact]
    public void SkewAcceleratesBeyondSeventyPercent()
    {
        // q = −17 (u = 0.85): f = 1 + 2·(0.15/0.3)² = 1.5; centre = 100 + 0.05·17·1.5 = 101.275;
        // ask grows |q| → size 0.15.
        var decision = new AdaptiveSkewStrategy(Defaults).Decide(Contexts.At(100, -17, 1, volatility: 2));

        Assert.Equal(101.275 - 0.75, decision.Bids[0].Price, 12);
        Assert.Equal(101.275 + 0.75, decision.Asks[0].Price, 12);
        Assert.Equal(1.0, decision.Bids[0].Quantity);
        Assert.Equal(0.15, decision.Asks[0].Quantity, 12);
    }

    [Fact]
    public void AlphaShiftsCentre()
    {
        // alpha_skew 10 × alpha 0.02 = +0.2.
        var decision = new AdaptiveSkewStrategy(Defaults with { AlphaSkew = 10 }).Decide(Contexts.At(100, 0, 1, volatility: 2, alpha: 0.02));

        Assert.Equal(100.2 - 0.75, decision.Bids[0].Price, 12);
        Assert.Equal(100.2 + 0.75, decision.Asks[0].Price, 12);
    }

    [Fact]
    public void GrowingSideNotQuotedAtLimit()
    {
        var strategy = new AdaptiveSkewStrategy(Defaults with { OrderQuantity = 0.1 });

        var longFull = strategy.Decide(Contexts.At(100, 2, 1, volatility: 2));
        var shortBeyond = strategy.Decide(Contexts.At(100, -2.5, 1, volatility: 2));

        Assert.Equal((0, 1), (longFull.BidCount, longFull.AskCount));
        Assert.Equal(0.1, longFull.Asks[0].Quantity);
        Assert.Equal((1, 0), (shortBeyond.BidCount, shortBeyond.AskCount));
    }

    [Fact]
    public void RejectsBadParameters()
    {
        Assert.Equal("base_spread", Assert.Throws<InvalidParameterException>(() => new AdaptiveSkewStrategy(Defaults with { BaseSpread = -1 })).Parameter);
        Assert.Equal("alpha_skew", Assert.Throws<InvalidParameterException>(() => new AdaptiveSkewStrategy(Defaults with { AlphaSkew = double.NaN })).Parameter);
        Assert.Equal("order_size", Assert.Throws<InvalidParameterException>(() => new AdaptiveSkewStrategy(Defaults with { OrderQuantity = 0 })).Parameter);
    }
}
