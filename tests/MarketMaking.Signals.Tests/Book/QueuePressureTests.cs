using MarketMaking.Core.Books;
using MarketMaking.Signals.Book;

namespace MarketMaking.Signals.Tests.Book;

public class QueuePressureTests
{
    [Fact]
    public void RatesOfTouchSizeChangesOverTheWindow()
    {
        var pressure = new QueuePressure(TimeSpan.FromSeconds(10));
        var book = new OrderBook();
        Update(pressure, book, 0, 100, 5, 101, 5); // first state: nothing to compare
        Update(pressure, book, 1, 100, 8, 101, 4); // bid +3, ask −1
        Update(pressure, book, 2, 100, 6, 101, 4); // bid −2
        Update(pressure, book, 3, 101, 2, 102, 7); // both prices moved: new queues, no change counted
        Update(pressure, book, 4, 101, 5, 102, 7); // bid +3

        // bid: (3 − 2 + 3)/10 s = 0.4 lots/s; ask: −1/10 s = −0.1; value 0.4 − (−0.1) = 0.5.
        Assert.Equal(0.4, pressure.BidRate, 1e-12);
        Assert.Equal(-0.1, pressure.AskRate, 1e-12);
        Assert.Equal(0.5, pressure.Value, 1e-12);
        Assert.False(pressure.IsReady);

        // At 11.5 s the changes at 1 s (≤ 11.5 − 10) leave: bid (−2 + 3)/10 = 0.1, ask 0.
        Update(pressure, book, 11.5, 101, 5, 102, 7);
        Assert.Equal(0.1, pressure.BidRate, 1e-12);
        Assert.Equal(0, pressure.AskRate);
        Assert.Equal(0.1, pressure.Value, 1e-12);
        Assert.True(pressure.IsReady);
    }

    private static void Update(QueuePressure pressure, OrderBook book, double seconds, long bid, long bidSize, long ask, long askSize)
    {
        Books.Touch(book, bid, bidSize, ask, askSize);
        pressure.Update(Books.At(seconds), book);
    }
}
