using MarketMaking.Core.Orders;
using MarketMaking.Signals.Flow;

namespace MarketMaking.Signals.Tests.Flow;

public class CumulativeDeltaTests
{
    [Fact]
    public void SignsVolumeByAggressor()
    {
        var delta = new CumulativeDelta();

        delta.Update(Books.Trade(0, Side.Buy, 101, 3));
        delta.Update(Books.Trade(1, Side.Sell, 100, 2));
        delta.Update(Books.Level(2, Side.Buy, 100, 50)); // not a trade: ignored
        delta.Update(Books.Trade(3, Side.Buy, 101, 5));

        // (3 + 5) − 2 = 6
        Assert.Equal(8, delta.BuyVolume);
        Assert.Equal(2, delta.SellVolume);
        Assert.Equal(6, delta.Value);

        delta.Reset();
        Assert.Equal(0, delta.Value);
    }
}
