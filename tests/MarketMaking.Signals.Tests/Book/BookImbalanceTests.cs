using MarketMaking.Core.Books;
using MarketMaking.Signals.Book;

namespace MarketMaking.Signals.Tests.Book;

public class BookImbalanceTests
{
    private const double Tolerance = 1e-12;

    // Bids 100×5, 99×3, 98×10; asks 101×2, 102×4, 103×6.
    private static readonly OrderBook Sample = Books.Of([(100, 5), (99, 3), (98, 10)], [(101, 2), (102, 4), (103, 6)]);

    [Theory]
    [InlineData(1, 3.0 / 7)]  // touch: (5 − 2)/(5 + 2)
    [InlineData(2, 1.0 / 7)]  // (8 − 6)/(8 + 6)
    [InlineData(3, 0.2)]      // (18 − 12)/(18 + 12)
    [InlineData(5, 0.2)]      // only three levels: same as k = 3
    public void SumsTheBestLevels(int levels, double expected)
    {
        var imbalance = new BookImbalance(levels);

        imbalance.Update(Sample);

        Assert.Equal(expected, imbalance.Value, Tolerance);
        Assert.True(imbalance.IsReady);
    }

    [Fact]
    public void IsOneWhenTheAskSideIsEmptyAndUndefinedWhenBothAre()
    {
        var imbalance = new BookImbalance();
        Assert.False(imbalance.IsReady);

        imbalance.Update(Books.Of([(100, 4)], []));
        Assert.Equal(1, imbalance.Value);

        imbalance.Update(Books.Of([], []));
        Assert.True(double.IsNaN(imbalance.Value));
        Assert.False(imbalance.IsReady);
    }

    [Fact]
    public void RejectsZeroLevels()
    {
        var error = Assert.Throws<Core.Errors.InvalidParameterException>(() => new BookImbalance(0));

        Assert.Equal("levels", error.Parameter);
    }
}
