using MarketMaking.Core.Errors;
using MarketMaking.Core.Quoting;
using MarketMaking.Strategies.Models;

namespace MarketMaking.Strategies.Tests;

public class QuoteShapingTests
{
    [Fact]
    public void AddsLevelsBeyondTheBestQuotesAndShrinksTheGrowingSide()
    {
        // Touch strategy at 99.99/100.01 (book 99.99 × 100.01), size 1; two extra levels 2 and 5 ticks out at 2× and 3×.
        // q = 2 with η = 0.1: bids × e^(−0.2) = 0.818731; asks would grow × e^(0.2) = 1.221403, but the six
        // sizes of the three levels already exceed the 2 to flatten, so the ask factor stays 1.
        var shaping = new QuoteShaping(new TouchStrategy(1), [new QuoteLevelSpec(5, 3), new QuoteLevelSpec(2, 2)], sizeSkew: 0.1, tick: 0.01, orderQuantity: 1);
        QuoteDecision d = shaping.Decide(new QuoteContext { Mid = 100, Inventory = 2, BestBid = 99.99, BestAsk = 100.01 });

        Assert.Equal(3, d.BidCount);
        Assert.Equal([99.99, 99.97, 99.94], d.Bids.ToArray().Select(l => Math.Round(l.Price, 10)));
        Assert.Equal([100.01, 100.03, 100.06], d.Asks.ToArray().Select(l => Math.Round(l.Price, 10)));
        Assert.Equal(Math.Exp(-0.2), d.Bids[0].Quantity, 12);
        Assert.Equal(2 * Math.Exp(-0.2), d.Bids[1].Quantity, 12);
        Assert.Equal(3, d.Asks[2].Quantity, 12);
    }

    [Fact]
    public void TheReducingSideNeverQuotesMoreThanFlattens()
    {
        // q = −30, η = 0.2: e^(6) = 403 would overshoot; with levels of 1 + 2 = 3 sizes the bid factor is 30/3 = 10.
        var shaping = new QuoteShaping(new TouchStrategy(1), [new QuoteLevelSpec(2, 2)], sizeSkew: 0.2, tick: 0.01, orderQuantity: 1);
        QuoteDecision d = shaping.Decide(new QuoteContext { Mid = 100, Inventory = -30, BestBid = 99.99, BestAsk = 100.01 });
        Assert.Equal(10, d.Bids[0].Quantity, 12);
        Assert.Equal(20, d.Bids[1].Quantity, 12);
        Assert.Equal(Math.Exp(-6), d.Asks[0].Quantity, 12);
    }

    [Fact]
    public void TooManyLevelsOrBadOnesAreRefused()
    {
        Assert.Throws<InvalidParameterException>(() => new QuoteShaping(new TouchStrategy(1), [.. Enumerable.Range(1, 10).Select(i => new QuoteLevelSpec(i, 1))], 0, 0.01, 1));
        Assert.Equal("levels.offset", Assert.Throws<InvalidParameterException>(() => new QuoteShaping(new TouchStrategy(1), [new QuoteLevelSpec(0, 1)], 0, 0.01, 1)).Parameter);
    }
}
