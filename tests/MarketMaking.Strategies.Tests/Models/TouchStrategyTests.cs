using MarketMaking.Core.Quoting;
using MarketMaking.Strategies.Models;

namespace MarketMaking.Strategies.Tests.Models;

public class TouchStrategyTests
{
    [Fact]
    public void JoinsTheMarketsBestBidAndAskWhateverTheInventory()
    {
        var touch = new TouchStrategy(2);
        foreach (double inventory in new[] { -30.0, 0, 17 })
        {
            var context = new QuoteContext { Mid = 100.005, BestBid = 100.00, BestAsk = 100.01, Inventory = inventory, TimeLeft = 10 };
            QuoteDecision decision = touch.Decide(in context);
            Assert.Equal(new QuoteLevel(100.00, 2), decision.Bids[0]);
            Assert.Equal(new QuoteLevel(100.01, 2), decision.Asks[0]);
        }
    }

    [Fact]
    public void WithoutABookItQuotesNothing()
    {
        var context = new QuoteContext { Mid = 100, BestBid = double.NaN, BestAsk = double.NaN };
        QuoteDecision decision = new TouchStrategy(1).Decide(in context);
        Assert.Equal(0, decision.BidCount + decision.AskCount);
    }
}
