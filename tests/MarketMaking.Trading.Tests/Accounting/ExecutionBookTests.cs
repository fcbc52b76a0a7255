using MarketMaking.Core.Orders;
using MarketMaking.Trading.Accounting;

namespace MarketMaking.Trading.Tests.Accounting;

public class ExecutionBookTests
{
    [Fact]
    public void CashIsMinusSideTimesPriceTimesQuantityMinusFeesAndEachExecutionCountsOnce()
    {
        var book = new ExecutionBook();
        Assert.True(book.Apply("e1", Side.Buy, 60000.1m, 0.002m, 0.024m, 5));
        Assert.True(book.Apply("e2", Side.Sell, 60010.5m, 0.001m, -0.006m, 9)); // a rebate
        Assert.False(book.Apply("e1", Side.Buy, 60000.1m, 0.002m, 0.024m, 5));

        // −(0.002 × 60000.1) − 0.024 + 0.001 × 60010.5 + 0.006 = −120.0002 − 0.024 + 60.0105 + 0.006
        Assert.Equal(-60.0077m, book.Cash);
        Assert.Equal(0.001m, book.Position);
        Assert.Equal(0.018m, book.Fees);
        Assert.Equal((2, 9L), (book.Count, book.LastExecutionTime));
    }
}
