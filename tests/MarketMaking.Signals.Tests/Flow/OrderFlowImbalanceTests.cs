using MarketMaking.Core.Books;
using MarketMaking.Signals.Flow;

namespace MarketMaking.Signals.Tests.Flow;

public class OrderFlowImbalanceTests
{
    [Fact]
    public void SumsContributionsOverTheWindow()
    {
        var ofi = new OrderFlowImbalance(TimeSpan.FromSeconds(10));
        var book = new OrderBook();
        Update(ofi, book, 0, 100, 5, 102, 4);
        Update(ofi, book, 1, 100, 7, 102, 4); // bid same price: +7 − 5 = +2; ask same: −4 + 4 = 0 → +2
        Update(ofi, book, 2, 101, 3, 102, 4); // bid up: +3 → +3
        Update(ofi, book, 3, 101, 3, 102, 1); // ask same price: −1 + 4 → +3
        Update(ofi, book, 4, 100, 6, 102, 1); // bid down: −3 (old queue) → −3
        Update(ofi, book, 5, 100, 6, 101, 2); // ask down: −2 (new queue) → −2
        Update(ofi, book, 6, 100, 6, 103, 5); // ask up: +2 (old queue) → +2

        Assert.Equal(2 + 3 + 3 - 3 - 2 + 2, ofi.Value);
        Assert.False(ofi.IsReady);

        // At 13.5 s the contributions at 1, 2 and 3 s leave: −3 − 2 + 2 = −3.
        Update(ofi, book, 13.5, 100, 6, 103, 5);
        Assert.Equal(-3, ofi.Value);
        Assert.True(ofi.IsReady);
    }

    [Fact]
    public void EmptySidesCountAsInfinitelyFarPrices()
    {
        var bid = new BookLevel(100, 5);
        var ask = new BookLevel(101, 4);
        BookLevel empty = default;

        Assert.Equal(-5, OrderFlowImbalance.Contribution(bid, ask, empty, ask)); // bid queue gone
        Assert.Equal(4, OrderFlowImbalance.Contribution(bid, ask, bid, empty));  // ask queue gone
        Assert.Equal(-2, OrderFlowImbalance.Contribution(bid, empty, bid, new BookLevel(101, 2))); // ask refills
        Assert.Equal(3, OrderFlowImbalance.Contribution(empty, ask, new BookLevel(99, 3), ask));   // bid refills
    }

    private static void Update(OrderFlowImbalance ofi, OrderBook book, double seconds, long bid, long bidSize, long ask, long askSize)
    {
        Books.Touch(book, bid, bidSize, ask, askSize);
        ofi.Update(Books.At(seconds), book);
    }
}
