using MarketMaking.Strategies.Models;

namespace MarketMaking.Strategies.Tests.Models;

public class SymmetricAvellanedaStoikovStrategyTests
{
    [Theory]
    [InlineData(0.1, 1.49)]
    [InlineData(1.0, 3.02)]
    [InlineData(0.01, 1.35)]
    public void SpreadMatchesPaper(double gamma, double expected)
    {
        // γσ²T/2 + (2/γ)ln(1 + γ/κ), σ = 2, κ = 1.5, T = 1: γ = 0.1 → 0.2 + 20·ln(16/15) = 0.2 + 1.290770 = 1.490770.
        var strategy = new SymmetricAvellanedaStoikovStrategy(new AvellanedaStoikovParameters(gamma, 2, 1.5));

        Assert.Equal(expected, Math.Round(strategy.Spread, 2));
    }

    [Fact]
    public void SpreadIsInventoryStrategysTimeAverage()
    {
        var parameters = new AvellanedaStoikovParameters(0.3, 1.7, 0.9, Horizon: 2);
        var inventory = new AvellanedaStoikovStrategy(parameters);
        var symmetric = new SymmetricAvellanedaStoikovStrategy(parameters);

        // Linear in τ: the average over [0, 2] is the spread at τ = 1.
        var middle = inventory.CoefficientsAt(1);

        Assert.Equal(middle.BidHalfSpread + middle.AskHalfSpread, symmetric.Spread, 13);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(15.0)]
    [InlineData(-4.0)]
    public void CentredOnMidWhateverTheInventory(double inventory)
    {
        // γ = 0.1: half spread 1.490770/2 = 0.745385 around the mid 100.
        var strategy = new SymmetricAvellanedaStoikovStrategy(new AvellanedaStoikovParameters(0.1, 2, 1.5));
        var quote = strategy.CoefficientsAt(0.3);

        var decision = strategy.Decide(Contexts.At(100, inventory, 0.3));

        Assert.Equal(0, quote.Skew);
        Assert.Equal(100 - 0.745385, decision.Bids[0].Price, 6);
        Assert.Equal(100 + 0.745385, decision.Asks[0].Price, 6);
        Assert.Equal(quote.Bid(100, inventory), decision.Bids[0].Price);
        Assert.Equal("symmetric", strategy.Name);
    }
}
