using MarketMaking.Signals.Book;

namespace MarketMaking.Signals.Tests.Book;

public class DepthRatioTests
{
    [Theory]
    [InlineData(1, 2.5)]        // 5 / 2
    [InlineData(2, 8.0 / 6)]    // (5 + 3)/(2 + 4)
    [InlineData(3, 1.5)]        // 18 / 12
    public void DividesBidDepthByAskDepth(int levels, double expected)
    {
        var ratio = new DepthRatio(levels);

        ratio.Update(Books.Of([(100, 5), (99, 3), (98, 10)], [(101, 2), (102, 4), (103, 6)]));

        Assert.Equal(expected, ratio.Value, 1e-12);
    }

    [Fact]
    public void IsUndefinedWithoutAsks()
    {
        var ratio = new DepthRatio();

        ratio.Update(Books.Of([(100, 5)], []));

        Assert.True(double.IsNaN(ratio.Value));
        Assert.False(ratio.IsReady);
    }
}
