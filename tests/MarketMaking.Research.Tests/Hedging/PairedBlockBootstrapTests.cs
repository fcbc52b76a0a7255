using MarketMaking.Core.Metrics;
using MarketMaking.Research.Hedging;

namespace MarketMaking.Research.Tests.Hedging;

/// <summary>Ratios whose every resample has the same value in closed form, so the interval must collapse onto it.</summary>
public class PairedBlockBootstrapTests
{
    private static readonly double[] Unhedged = [3, -1, 4, -1, 5, -9, 2, 6, -5, 3, 5, -8];

    [Fact]
    public void AHedgedLegThatIsTheUnhedgedScaledByAHalfHasVarianceRatioAQuarterAndMeanRatioAHalf()
    {
        double[] hedged = [.. Unhedged.Select(v => 0.5 * v)];
        double[] squares = [.. Unhedged.Select(v => v * v)], hedgedSquares = [.. hedged.Select(v => v * v)];

        (double lower, double upper) = PairedBlockBootstrap.RatioInterval(hedged, Unhedged, v => PerformanceStatistics.Variance(v), seed: 7);
        Assert.Equal(0.25, lower, 12);
        Assert.Equal(0.25, upper, 12);

        (lower, upper) = PairedBlockBootstrap.RatioInterval(hedgedSquares, squares, v => PerformanceStatistics.Mean(v), seed: 7);
        Assert.Equal(0.25, lower, 12);
        Assert.Equal(0.25, upper, 12);
    }

    [Fact]
    public void BlocksStayPairedSoAShiftedLegHasVarianceRatioExactlyOne()
    {
        // Var(x + 10) = Var(x) only when both legs are drawn from the same blocks.
        double[] shifted = [.. Unhedged.Select(v => v + 10)];

        (double lower, double upper) = PairedBlockBootstrap.RatioInterval(shifted, Unhedged, v => PerformanceStatistics.Variance(v), seed: 3);

        Assert.Equal(1, lower, 9);
        Assert.Equal(1, upper, 9);
    }

    [Fact]
    public void FewerBlocksThanTheMinimumGiveNoInterval()
    {
        double[] few = Unhedged[..(PairedBlockBootstrap.MinBlocks - 1)];

        (double lower, double upper) = PairedBlockBootstrap.RatioInterval(few, few, v => PerformanceStatistics.Variance(v), seed: 1);

        Assert.True(double.IsNaN(lower) && double.IsNaN(upper));
    }
}
