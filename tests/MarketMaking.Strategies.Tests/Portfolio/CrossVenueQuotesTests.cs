using MarketMaking.Core.Books;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Quoting;
using MarketMaking.Strategies.Portfolio;

namespace MarketMaking.Strategies.Tests.Portfolio;

public class CrossVenueQuotesTests
{
    [Fact]
    public void QuotesComeFromTheHedgeTouchAfterBothFeesAndSnapOutward()
    {
        // Hedge book (tick 0.5): bid 200 × 0.5 = 100, ask 202 × 0.5 = 101. Taker 10 bp there, maker 0 here, 10 bp least edge.
        var hedge = new OrderBook();
        hedge.Set(Side.Buy, 200, 5);
        hedge.Set(Side.Sell, 202, 5);
        var quotes = new CrossVenueQuotes(hedge, hedgeTick: 0.5, hedgeTakerFee: 0.001, makerFee: 0, minProfitability: 0.001, tick: 0.01, quantity: 0.002);

        QuoteDecision d = quotes.Decide(new QuoteContext { Mid = 100.5 });

        // bid: 100·0.999/1.001 = 99.80020… → 99.80; ask: 101·1.001·1.001 = 101.20210… → 101.21.
        Assert.Equal(99.80, d.Bids[0].Price, 9);
        Assert.Equal(101.21, d.Asks[0].Price, 9);
        Assert.Equal(0.002, d.Bids[0].Quantity);
        Assert.True(CrossVenueArbitrage.NetEdge(100, 0.001, d.Bids[0].Price, 0) >= 0.001);
        Assert.True(CrossVenueArbitrage.NetEdge(d.Asks[0].Price, 0, 101, 0.001) >= 0.001);
    }

    [Fact]
    public void ASideWhoseHedgeSideIsEmptyIsWithdrawn()
    {
        var hedge = new OrderBook();
        hedge.Set(Side.Buy, 200, 5);
        var quotes = new CrossVenueQuotes(hedge, 0.5, 0.001, 0, 0.001, 0.01, 0.002);

        QuoteDecision d = quotes.Decide(new QuoteContext { Mid = 100 });

        Assert.Equal(1, d.BidCount);
        Assert.Equal(0, d.AskCount);
    }
}
