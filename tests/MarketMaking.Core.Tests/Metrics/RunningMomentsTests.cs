using MarketMaking.Core.Metrics;

namespace MarketMaking.Core.Tests.Metrics;

public class RunningMomentsTests
{
    [Fact]
    public void StreamMatchesTextbookSample()
    {
        var moments = new RunningMoments();
        foreach (double value in new double[] { 2, 4, 4, 4, 5, 5, 7, 9 })
        {
            moments.Add(value);
        }

        // Mean 5, sample variance 32/7.
        Assert.Equal(8, moments.Count);
        Assert.Equal(5, moments.Mean, 1e-12);
        Assert.Equal(32.0 / 7, moments.Variance, 1e-12);
        Assert.Equal(Math.Sqrt(32.0 / 7), moments.StandardDeviation, 1e-12);
    }

    [Fact]
    public void EmptyAndSingleValueStreams()
    {
        var moments = new RunningMoments();
        Assert.True(double.IsNaN(moments.Mean));
        Assert.Equal(0, moments.Variance);

        moments.Add(3);
        Assert.Equal(3, moments.Mean);
        Assert.Equal(0, moments.Variance);
    }

    [Fact]
    public void AddRepeatedEqualsAddingEachCopy()
    {
        var moments = new RunningMoments();
        moments.Add(6);
        moments.AddRepeated(0, 3);
        moments.AddRepeated(5, 0);

        // [6, 0, 0, 0]: mean 1.5; squared deviations 20.25 + 3·2.25 = 27; sample variance 27/3 = 9.
        Assert.Equal(4, moments.Count);
        Assert.Equal(1.5, moments.Mean, 1e-12);
        Assert.Equal(9, moments.Variance, 1e-12);
    }

    [Fact]
    public void AddRepeatedIntoEmptyStream()
    {
        var moments = new RunningMoments();
        moments.AddRepeated(2.5, 4);

        Assert.Equal(4, moments.Count);
        Assert.Equal(2.5, moments.Mean, 1e-12);
        Assert.Equal(0, moments.Variance, 1e-12);
    }

    [Fact]
    public void StaysAccurateFarFromZero()
    {
        // 1e9 + [2, 4, 4, 4, 5, 5, 7, 9]: the naive Σx² − n·mean² loses all digits here.
        var moments = new RunningMoments();
        foreach (double value in new double[] { 2, 4, 4, 4, 5, 5, 7, 9 })
        {
            moments.Add(1e9 + value);
        }

        Assert.Equal(32.0 / 7, moments.Variance, 1e-6);
    }
}
