using MarketMaking.Core.Errors;
using MarketMaking.Strategies.Models;

namespace MarketMaking.Strategies.Tests.Models;

public class GlftExactStrategyTests
{
    private static readonly GlftExactParameters Paper = new(Gamma: 0.1, Sigma: 2, A: 140, Kappa: 1.5, MaxInventory: 20);

    [Fact]
    public void MatchesCheckValues()
    {
        // Published check values, T − t = 1: q = 0 → 0.6716 both sides; q = 1 → bid 0.7241, ask 0.6191.
        var strategy = new GlftExactStrategy(Paper);

        var flat = strategy.Decide(Contexts.At(100, 0, 1));
        var longOne = strategy.Decide(Contexts.At(100, 1, 1));

        Assert.Equal(0.6716, Math.Round(100 - flat.Bids[0].Price, 4));
        Assert.Equal(0.6716, Math.Round(flat.Asks[0].Price - 100, 4));
        Assert.Equal(0.7241, Math.Round(100 - longOne.Bids[0].Price, 4));
        Assert.Equal(0.6191, Math.Round(longOne.Asks[0].Price - 100, 4));
    }

    [Fact]
    public void MatchesDenseMatrixExponential()
    {
        // Same values from scipy.linalg.expm(−M)·1 on the dense 41×41 matrix (an independent Padé method).
        var table = new GlftExactStrategy(Paper).Table;

        Assert.Equal(0.6716276014107548, table.BidDepth(0, 0), 9);
        Assert.Equal(0.7240702260240686, table.BidDepth(0, 1), 9);
        Assert.Equal(0.6191428213406684, table.AskDepth(0, 1), 9);
    }

    [Fact]
    public void LongHorizonIsFiniteAndStationary()
    {
        // T − t = 1000: exp(−Mτ) alone would be e^95000; the depths must equal the τ → ∞ row.
        var table = new GlftExactStrategy(Paper with { Horizon = 1000, TimeStep = 1 }).Table;

        for (var q = -20; q < 20; q++)
        {
            Assert.True(double.IsFinite(table.BidDepth(0, q)));
            Assert.Equal(table.BidDepth(-1, q), table.BidDepth(0, q), 9);
            Assert.Equal(table.AskDepth(-1, -q), table.AskDepth(0, -q), 9);
            Assert.True(table.BidDepth(0, q + 1) > table.BidDepth(0, q) || q + 1 == 20);
        }

        Assert.Equal(0.6716276142227764, table.BidDepth(0, 0), 9);
    }

    [Fact]
    public void BidDepthIncreasesAndAskDepthDecreasesWithInventory()
    {
        var table = new GlftExactStrategy(Paper).Table;

        foreach (var step in new[] { -1, 0, 100, table.Steps - 1 })
        {
            for (var q = -20; q < 19; q++)
            {
                Assert.True(table.BidDepth(step, q + 1) > table.BidDepth(step, q));
                Assert.True(table.AskDepth(step, q + 2) < table.AskDepth(step, q + 1));
            }
        }
    }

    [Fact]
    public void DepthsAreMirrorImages()
    {
        // Symmetric in q: the bid at q equals the ask at −q.
        var table = new GlftExactStrategy(Paper).Table;

        for (var q = -19; q <= 19; q++)
        {
            Assert.Equal(table.BidDepth(50, q), table.AskDepth(50, -q), 12);
        }
    }

    [Fact]
    public void WithdrawsAtInventoryLimit()
    {
        var strategy = new GlftExactStrategy(Paper);

        var longLimit = strategy.Decide(Contexts.At(100, 20, 0.5));
        var beyond = strategy.Decide(Contexts.At(100, 35, 0.5));
        var shortLimit = strategy.Decide(Contexts.At(100, -20, 0.5));

        Assert.Equal((0, 1), (longLimit.BidCount, longLimit.AskCount));
        Assert.Equal((0, 1), (beyond.BidCount, beyond.AskCount));
        Assert.Equal((1, 0), (shortLimit.BidCount, shortLimit.AskCount));
    }

    [Theory]
    [InlineData(0.37, 3.2, 2.0)]
    [InlineData(double.PositiveInfinity, -7.0, 1.0)]
    [InlineData(0.001, 0.4, 0.5)]
    public void DecideIsTableLookup(double timeLeft, double inventory, double orderQuantity)
    {
        var strategy = new GlftExactStrategy(Paper with { OrderQuantity = orderQuantity });
        var table = strategy.Table;
        var step = table.StepFor(timeLeft);
        var q = table.InventoryIndex(inventory, orderQuantity);

        var decision = strategy.Decide(Contexts.At(100, inventory, timeLeft));

        Assert.Equal(100 - table.BidDepth(step, q), decision.Bids[0].Price);
        Assert.Equal(100 + table.AskDepth(step, q), decision.Asks[0].Price);
        Assert.Equal(orderQuantity, decision.Bids[0].Quantity);
    }

    [Fact]
    public void RejectsBadParameters()
    {
        Assert.Equal("gamma", Assert.Throws<InvalidParameterException>(() => new GlftExactStrategy(Paper with { Gamma = -0.1 })).Parameter);
        Assert.Equal("sigma", Assert.Throws<InvalidParameterException>(() => new GlftExactStrategy(Paper with { Sigma = -2 })).Parameter);
        Assert.Equal("kappa", Assert.Throws<InvalidParameterException>(() => new GlftExactStrategy(Paper with { Kappa = 0 })).Parameter);
        Assert.Equal("max_inventory", Assert.Throws<InvalidParameterException>(() => new GlftExactStrategy(Paper with { MaxInventory = 0 })).Parameter);
        Assert.Equal("max_inventory", Assert.Throws<InvalidParameterException>(() => new GlftExactStrategy(Paper with { MaxInventory = 251 })).Parameter);
        Assert.Equal("horizon", Assert.Throws<InvalidParameterException>(() => new GlftExactStrategy(Paper with { Horizon = double.NaN })).Parameter);
        Assert.Equal("dt", Assert.Throws<InvalidParameterException>(() => new GlftExactStrategy(Paper with { TimeStep = 5 })).Parameter);
    }
}
