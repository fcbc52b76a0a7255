using MarketMaking.Core.Orders;
using MarketMaking.Core.Quoting;

namespace MarketMaking.Core.Tests.Quoting;

public class QuoteDecisionTests
{
    [Fact]
    public void LevelsKeepTheirOrderPerSide()
    {
        var decision = default(QuoteDecision);
        decision.Add(Side.Buy, 99.5, 1);
        decision.Add(Side.Buy, 99.0, 2);
        decision.Add(Side.Sell, 100.5, 3);

        Assert.Equal([new QuoteLevel(99.5, 1), new QuoteLevel(99.0, 2)], decision.Bids.ToArray());
        Assert.Equal([new QuoteLevel(100.5, 3)], decision.Asks.ToArray());
        Assert.Equal(2, decision.Count(Side.Buy));
    }

    [Fact]
    public void WithdrawTruncateAndResize()
    {
        var decision = default(QuoteDecision);
        for (int i = 0; i < 3; i++)
        {
            decision.Add(Side.Sell, 101 + i, 1);
        }

        decision.SetQuantity(Side.Sell, 1, 0.5);
        Assert.Equal(0.5, decision.Asks[1].Quantity);
        decision.Truncate(Side.Sell, 2);
        Assert.Equal(2, decision.AskCount);
        decision.Withdraw(Side.Sell);
        Assert.True(decision.Asks.IsEmpty);
    }

    [Fact]
    public void TwoSidedLeavesOutANaNSide()
    {
        QuoteDecision decision = QuoteDecision.TwoSided(double.NaN, 101, 2);
        Assert.Equal(0, decision.BidCount);
        Assert.Equal(new QuoteLevel(101, 2), decision.Asks[0]);
    }

    [Fact]
    public void AnEleventhLevelIsRefused()
    {
        var decision = default(QuoteDecision);
        for (int i = 0; i < QuoteDecision.MaxLevels; i++)
        {
            decision.Add(Side.Buy, 100 - i, 1);
        }

        Assert.Throws<InvalidOperationException>(() => decision.Add(Side.Buy, 1, 1));
    }
}
