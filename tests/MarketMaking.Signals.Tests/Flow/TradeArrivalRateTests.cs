using MarketMaking.Core.Orders;
using MarketMaking.Signals.Flow;

namespace MarketMaking.Signals.Tests.Flow;

public class TradeArrivalRateTests
{
    [Fact]
    public void CountsTradesPerSecondOverTheWindow()
    {
        var rate = new TradeArrivalRate(TimeSpan.FromSeconds(2));
        foreach (double t in new[] { 0, 0.5, 1.0, 1.5 })
        {
            rate.Update(Books.Trade(t, Side.Buy, 100, 1));
        }

        Assert.Equal(2.0, rate.Value, 1e-12); // 4 trades / 2 s
        Assert.False(rate.IsReady);

        rate.Update(Books.Level(2.25, Side.Buy, 99, 1)); // window (0.25, 2.25]: the trade at 0 leaves
        Assert.Equal(3, rate.Trades);
        Assert.Equal(1.5, rate.Value, 1e-12);
        Assert.True(rate.IsReady);

        rate.Advance(Books.At(3.6)); // window (1.6, 3.6]: empty
        Assert.Equal(0, rate.Value);
    }
}
