using MarketMaking.Core.Errors;
using MarketMaking.Strategies.Models;

namespace MarketMaking.Strategies.Tests.Models;

public class GlftApproximationStrategyTests
{
    private static readonly GlftApproximationParameters Paper = new(Gamma: 0.1, Sigma: 2, A: 140, Kappa: 1.5);

    [Fact]
    public void SkewMatchesClosedForm()
    {
        // c = √(σ²γ/(2κA)·(1+γ/κ)^(1+κ/γ)) = √(0.4/420 · (16/15)^16) = √(9.5238e−4 · 2.808388) = 0.0517172.
        var strategy = new GlftApproximationStrategy(Paper);

        Assert.Equal(0.0517172, strategy.Skew, 7);
    }

    [Fact]
    public void DepthsMatchFormula()
    {
        // base = 10·ln(16/15) = 0.645385; q = 0: both 0.645385 + c/2 = 0.671244;
        // q = 1: bid 0.645385 + 1.5c = 0.722961, ask 0.645385 − 0.5c = 0.619527.
        var strategy = new GlftApproximationStrategy(Paper);

        var flat = strategy.Decide(Contexts.At(100, 0, 1));
        var longOne = strategy.Decide(Contexts.At(100, 1, 1));

        Assert.Equal(0.671244, 100 - flat.Bids[0].Price, 6);
        Assert.Equal(0.671244, flat.Asks[0].Price - 100, 6);
        Assert.Equal(0.722961, 100 - longOne.Bids[0].Price, 6);
        Assert.Equal(0.619527, longOne.Asks[0].Price - 100, 6);
    }

    [Theory]
    [InlineData(-6.0)]
    [InlineData(0.5)]
    [InlineData(11.0)]
    public void LinearCoefficientIdentities(double q)
    {
        // δb − δa = 2qc and δb + δa = 2·base + c for every q.
        var strategy = new GlftApproximationStrategy(Paper);
        var quote = strategy.CoefficientsAt(0.2);
        var decision = strategy.Decide(Contexts.At(50, q, 0.2));
        var bidDepth = 50 - decision.Bids[0].Price;
        var askDepth = decision.Asks[0].Price - 50;

        Assert.Equal(strategy.Skew, quote.Skew);
        Assert.Equal(quote.Bid(50, q), decision.Bids[0].Price);
        Assert.Equal(quote.Ask(50, q), decision.Asks[0].Price);
        Assert.Equal(2 * q * strategy.Skew, bidDepth - askDepth, 10);
        Assert.Equal((20 * Math.Log(16.0 / 15)) + strategy.Skew, bidDepth + askDepth, 10);
    }

    [Fact]
    public void WithdrawsAtInventoryLimit()
    {
        var strategy = new GlftApproximationStrategy(Paper with { MaxInventory = 3 });

        var atLimit = strategy.Decide(Contexts.At(100, 3, 1));
        var belowLimit = strategy.Decide(Contexts.At(100, 2.9, 1));
        var shortLimit = strategy.Decide(Contexts.At(100, -3, 1));

        Assert.Equal((0, 1), (atLimit.BidCount, atLimit.AskCount));
        Assert.Equal((1, 1), (belowLimit.BidCount, belowLimit.AskCount));
        Assert.Equal((1, 0), (shortLimit.BidCount, shortLimit.AskCount));
    }

    [Fact]
    public void UnlimitedQuotesBothSidesAtAnyInventory()
    {
        var decision = new GlftApproximationStrategy(Paper).Decide(Contexts.At(100, 1e6, 1));

        Assert.Equal((1, 1), (decision.BidCount, decision.AskCount));
    }

    [Fact]
    public void CloseToExactSolutionAtZeroInventory()
    {
        // The approximation is accurate near q = 0: 0.671244 against the exact stationary 0.671628.
        var exact = new GlftExactStrategy(new GlftExactParameters(0.1, 2, 140, 1.5));
        var approximate = new GlftApproximationStrategy(Paper);

        var difference = exact.Table.BidDepth(-1, 0) - approximate.CoefficientsAt(0).BidHalfSpread;

        Assert.InRange(difference, 0, 1e-3);
    }

    [Fact]
    public void RejectsBadParameters()
    {
        Assert.Equal("A", Assert.Throws<InvalidParameterException>(() => new GlftApproximationStrategy(Paper with { A = 0 })).Parameter);
        Assert.Equal("max_inventory", Assert.Throws<InvalidParameterException>(() => new GlftApproximationStrategy(Paper with { MaxInventory = 0 })).Parameter);
    }
}
