using MarketMaking.Signals.Book;

namespace MarketMaking.Signals.Tests.Book;

public class WeightedMidTests
{
    [Fact]
    public void LeansTowardTheSideWithLessSize()
    {
        var mid = new WeightedMid();

        mid.Update(Books.Of([(100, 5)], [(101, 2)]));

        // (100·2 + 101·5)/(2 + 5) = 705/7 = 100.714…, above the plain mid 100.5: the bid queue is larger.
        Assert.Equal(705.0 / 7, mid.Value, 1e-12);
    }

    [Fact]
    public void IsUndefinedWithAnEmptySide()
    {
        var mid = new WeightedMid();

        mid.Update(Books.Of([(100, 5)], []));

        Assert.True(double.IsNaN(mid.Value));
        Assert.False(mid.IsReady);
    }
}
