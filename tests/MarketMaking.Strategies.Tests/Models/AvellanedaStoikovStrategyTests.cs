using MarketMaking.Core.Errors;
using MarketMaking.Strategies.Models;

namespace MarketMaking.Strategies.Tests.Models;

public class AvellanedaStoikovStrategyTests
{
    private static readonly AvellanedaStoikovParameters Paper = new(Gamma: 0.1, Sigma: 2, Kappa: 1.5);

    [Fact]
    public void QuotesAroundReservationPrice()
    {
        // τ = 0.5, q = 2: r = 100 − 2·0.1·4·0.5 = 99.6; spread = 0.1·4·0.5 + 20·ln(16/15) = 0.2 + 1.290770 = 1.490770;
        // bid = 99.6 − 0.745385 = 98.854615, ask = 99.6 + 0.745385 = 100.345385.
        var strategy = new AvellanedaStoikovStrategy(Paper);

        var decision = strategy.Decide(Contexts.At(mid: 100, inventory: 2, timeLeft: 0.5));

        Assert.Equal(98.854615, decision.Bids[0].Price, 6);
        Assert.Equal(100.345385, decision.Asks[0].Price, 6);
        Assert.Equal(1.0, decision.Bids[0].Quantity);
    }

    [Theory]
    [InlineData(0.1, 1.49)]
    [InlineData(1.0, 3.02)]
    [InlineData(0.01, 1.35)]
    public void AverageSpreadOverHorizonMatchesPaper(double gamma, double expected)
    {
        // Paper's table, σ = 2, κ = 1.5, T = 1: the spread is linear in τ, so its average over [0, T] is the
        // mean of the end points (γ = 0.1: (1.290770 + 1.690770)/2 = 1.490770).
        var strategy = new AvellanedaStoikovStrategy(Paper with { Gamma = gamma });

        var atStart = strategy.CoefficientsAt(1);
        var atEnd = strategy.CoefficientsAt(0);
        var average = (atStart.BidHalfSpread + atStart.AskHalfSpread + atEnd.BidHalfSpread + atEnd.AskHalfSpread) / 2;

        Assert.Equal(expected, Math.Round(average, 2));
    }

    [Fact]
    public void CoefficientsAreTheModelsTerms()
    {
        // τ = 0.25: skew γσ²τ = 0.1·4·0.25 = 0.1; half = 0.05 + 10·ln(16/15) = 0.05 + 0.645385.
        var quote = new AvellanedaStoikovStrategy(Paper).CoefficientsAt(0.25);

        Assert.Equal(0.1, quote.Skew, 15);
        Assert.Equal(0.05 + (10 * Math.Log(16.0 / 15)), quote.BidHalfSpread, 15);
        Assert.Equal(quote.BidHalfSpread, quote.AskHalfSpread);
    }

    [Theory]
    [InlineData(100.0, 3.0, 0.7, 1.0)]
    [InlineData(2501.5, -7.5, 0.01, 2.5)]
    [InlineData(99.99, 0.3, -0.2, 0.1)]
    public void DecideUsesLinearQuoteBitForBit(double mid, double inventory, double timeLeft, double orderQuantity)
    {
        var strategy = new AvellanedaStoikovStrategy(Paper with { OrderQuantity = orderQuantity });
        var quote = strategy.CoefficientsAt(timeLeft);
        var q = inventory / orderQuantity;

        var decision = strategy.Decide(Contexts.At(mid, inventory, timeLeft));

        Assert.Equal(quote.Bid(mid, q), decision.Bids[0].Price);
        Assert.Equal(quote.Ask(mid, q), decision.Asks[0].Price);
        Assert.Equal(orderQuantity, decision.Asks[0].Quantity);
    }

    [Fact]
    public void InventoryCountsOrderSizes()
    {
        // 5 units at order size Δ = 2.5 is q = 2 orders, each carrying the risk of 2.5 units: the
        // formulas use γΔ = 0.1·2.5 = 0.25, so the quotes equal 2 unit orders at γ = 0.25.
        var units = new AvellanedaStoikovStrategy(Paper with { Gamma = 0.25 }).Decide(Contexts.At(100, 2, 0.5));
        var lots = new AvellanedaStoikovStrategy(Paper with { OrderQuantity = 2.5 }).Decide(Contexts.At(100, 5, 0.5));

        Assert.Equal(units.Bids[0].Price, lots.Bids[0].Price, 12);
        Assert.Equal(units.Asks[0].Price, lots.Asks[0].Price, 12);
        Assert.Equal(2.5, lots.Bids[0].Quantity);
    }

    [Fact]
    public void PastHorizonTimeLeftIsClampedToZero()
    {
        // τ = 0: no skew, spread 2·10·ln(16/15).
        var quote = new AvellanedaStoikovStrategy(Paper).CoefficientsAt(-3);

        Assert.Equal(0, quote.Skew);
        Assert.Equal(10 * Math.Log(16.0 / 15), quote.BidHalfSpread, 15);
    }

    [Fact]
    public void FiniteHorizonInRollingMarketUsesHorizon()
    {
        var strategy = new AvellanedaStoikovStrategy(Paper with { Horizon = 3 });

        Assert.Equal(strategy.CoefficientsAt(3), strategy.CoefficientsAt(double.PositiveInfinity));
    }

    [Fact]
    public void RollingModeUsesFixedWindow()
    {
        // Window 0.5: skew 0.1·4·0.5 = 0.2 whatever the time left.
        var strategy = new AvellanedaStoikovStrategy(Paper with { Mode = AvellanedaStoikovMode.Rolling, RollingHorizon = 0.5 });

        Assert.Equal("as-rolling", strategy.Name);
        Assert.Equal(0.2, strategy.CoefficientsAt(0.01).Skew, 15);
        Assert.Equal(strategy.CoefficientsAt(0.01), strategy.CoefficientsAt(double.PositiveInfinity));
        Assert.Equal("as", new AvellanedaStoikovStrategy(Paper).Name);
    }

    [Theory]
    [InlineData(0.0, 2.0, 1.5, 1.0, "gamma")]
    [InlineData(0.1, -1.0, 1.5, 1.0, "sigma")]
    [InlineData(0.1, 2.0, 0.0, 1.0, "kappa")]
    [InlineData(0.1, 2.0, 1.5, 0.0, "order_size")]
    public void RejectsBadParameters(double gamma, double sigma, double kappa, double orderQuantity, string parameter)
    {
        var error = Assert.Throws<InvalidParameterException>(() =>
            new AvellanedaStoikovStrategy(new AvellanedaStoikovParameters(gamma, sigma, kappa, orderQuantity)));

        Assert.Equal(parameter, error.Parameter);
    }

    [Fact]
    public void RejectsNonPositiveRollingHorizon()
    {
        var error = Assert.Throws<InvalidParameterException>(() =>
            new AvellanedaStoikovStrategy(Paper with { Mode = AvellanedaStoikovMode.Rolling, RollingHorizon = 0 }));

        Assert.Equal("rolling_horizon", error.Parameter);
    }
}
