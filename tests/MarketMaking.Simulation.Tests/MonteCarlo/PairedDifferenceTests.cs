using MarketMaking.Simulation.MonteCarlo;

namespace MarketMaking.Simulation.Tests.MonteCarlo;

public class PairedDifferenceTests
{
    [Fact]
    public void MeanStandardErrorAndStudentInterval()
    {
        // Differences 1, 2, 0: mean 1, sample variance (0 + 1 + 1)/2 = 1, se √(1/3) = 0.5773503;
        // t(0.975, 2 df) = 4.3026527 → 1 ± 2.4841377.
        var difference = PairedDifference.Of([1, 2, 3], [2, 4, 3]);

        Assert.Equal(3, difference.Pairs);
        Assert.Equal(1, difference.Mean, 12);
        Assert.Equal(0.5773502691896258, difference.StandardError, 12);
        Assert.Equal(-1.4841377, difference.Lower, 6);
        Assert.Equal(3.4841377, difference.Upper, 6);
        Assert.False(difference.IsPositive);
    }

    [Fact]
    public void ASteadyImprovementIsPositive()
    {
        // The same gain of about 1 on every seed, however different the seeds: pairing sees it.
        double[] baseline = [-50, 10, 300, -7, 42];
        double[] candidate = [-49, 11.1, 300.9, -6, 43];
        var difference = PairedDifference.Of(baseline, candidate);

        Assert.True(difference.IsPositive);
        Assert.Equal(1.0, difference.Mean, 12);
    }

    [Fact]
    public void UnequalLengthsAreRefused() =>
        Assert.Throws<ArgumentException>(() => PairedDifference.Of([1, 2], [1]));
}
