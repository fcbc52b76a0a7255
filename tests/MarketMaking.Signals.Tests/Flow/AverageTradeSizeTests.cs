using MarketMaking.Core.Orders;
using MarketMaking.Signals.Flow;

namespace MarketMaking.Signals.Tests.Flow;

public class AverageTradeSizeTests
{
    [Fact]
    public void AveragesSizesInTheWindow()
    {
        var average = new AverageTradeSize(TimeSpan.FromSeconds(2));
        Assert.True(double.IsNaN(average.Value));

        average.Update(Books.Trade(0, Side.Buy, 100, 2));
        average.Update(Books.Trade(1, Side.Sell, 99, 4));
        Assert.Equal(3, average.Value, 1e-12); // (2 + 4)/2

        average.Update(Books.Trade(2, Side.Buy, 100, 9));
        // Window (0, 2]: the trade at 0 has left: (4 + 9)/2 = 6.5.
        Assert.Equal(6.5, average.Value, 1e-12);
        Assert.Equal(13, average.Volume);
        Assert.True(average.IsReady);

        average.Advance(Books.At(10));
        Assert.True(double.IsNaN(average.Value));
        Assert.False(average.IsReady);
    }
}
