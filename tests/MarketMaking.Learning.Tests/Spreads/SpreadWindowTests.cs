using MarketMaking.Core.Orders;
using MarketMaking.Learning.Spreads;

namespace MarketMaking.Learning.Tests.Spreads;

public class SpreadWindowTests
{
    // Mid 100 → 101; sellers reached down to 98, buyers up to 103 (ticks).
    private static readonly SpreadWindow Window = new(100, 101, 98, 103);

    [Theory]
    [InlineData(1.0, 2.0)]  // bid 99 and ask 101 both fill: (101 − 99) + (101 − 101) = 2, flat
    [InlineData(2.0, 4.0)]  // bid 98 and ask 102 fill: 3 + 1 = 4, flat
    [InlineData(3.0, 1.0)]  // only the ask 103 fills: 103 − 101 = 2, short one lot: − 1·1² = 1
    [InlineData(4.0, 0.0)]  // nothing reaches 96 or 104
    public void PnlOfAQuoteHeldThroughTheWindow(double halfSpread, double expected) =>
        Assert.Equal(expected, Window.Pnl(halfSpread, inventoryPenalty: 1), 12);

    [Fact]
    public void OptimalHalfSpreadIsTheBestCandidate() =>
        Assert.Equal(2, Window.OptimalHalfSpread([1, 2, 3, 4], inventoryPenalty: 1));

    [Fact]
    public void TiesGoToTheNarrowest() =>
        Assert.Equal(4, new SpreadWindow(100, 100, double.PositiveInfinity, double.NegativeInfinity).OptimalHalfSpread([4, 5, 6], 1));

    [Fact]
    public void TheBuilderClosesEachWindowWithTheTradesInsideIt()
    {
        var data = new SpreadDataset(["x"]);
        var builder = new SpreadSampleBuilder(data, new SpreadTargetSettings { Window = 10, SampleInterval = 5 });
        builder.OnMarket(0, 100, [1]);            // sample A, window (0, 10]
        builder.OnTrade(2, Side.Sell, 98);
        builder.OnTrade(3, Side.Buy, 103);
        builder.OnMarket(5, 100.5, [2]);          // sample B, window (5, 15]
        builder.OnMarket(10, 101, [3]);           // closes A at mid 101; opens C
        builder.OnTrade(12, Side.Sell, 97);       // only B (and C) see it
        builder.OnMarket(15, 99, [4]);            // closes B at mid 99

        Assert.Equal(2, data.Count);
        Assert.Equal(new SpreadWindow(100, 101, 98, 103), data.Window(0));
        Assert.Equal(new SpreadWindow(100.5, 99, 97, double.NegativeInfinity), data.Window(1));
        Assert.Equal(5_000_000_000, data.Time(1));
        Assert.Equal(2, data.Features(1)[0]);
        Assert.Equal(2, builder.Waiting);         // C (t = 10) and D (t = 15)
    }
}
