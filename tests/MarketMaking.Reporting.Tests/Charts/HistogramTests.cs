using MarketMaking.Reporting.Charts;

namespace MarketMaking.Reporting.Tests.Charts;

public class HistogramTests
{
    [Fact]
    public void LastBinIncludesTheRightEdge()
    {
        // Bins [0, 0.5) and [0.5, 1]: 0 and 0.1 in the first; 0.5, 0.9 and the maximum 1.0 in the last.
        (double[] centers, double[] counts) = Histogram.Build([0, 0.1, 0.5, 0.9, 1.0], 2);

        Assert.Equal([0.25, 0.75], centers);
        Assert.Equal([2.0, 3.0], counts);
    }

    [Fact]
    public void IgnoresNonFiniteValues()
    {
        (double[] centers, double[] counts) = Histogram.Build([double.NaN, 1, 2, double.PositiveInfinity, 3, 4, double.NegativeInfinity], 3);

        Assert.Equal([1.5, 2.5, 3.5], centers);
        Assert.Equal([1.0, 1.0, 2.0], counts);
    }

    [Fact]
    public void EqualValuesFallInTheBinAroundThem()
    {
        (double[] centers, double[] counts) = Histogram.Build([7, 7, 7], 1);

        Assert.Equal([7.0], centers);
        Assert.Equal([3.0], counts);
    }

    [Fact]
    public void NoFiniteValuesGiveEmptyArraysAndBadBinCountThrows()
    {
        (double[] centers, double[] counts) = Histogram.Build([double.NaN], 4);

        Assert.Empty(centers);
        Assert.Empty(counts);
        Assert.Throws<ArgumentOutOfRangeException>(() => Histogram.Build([1.0], 0));
    }
}
