using MarketMaking.Core.Errors;
using MarketMaking.Core.Metrics;

namespace MarketMaking.Core.Tests.Metrics;

public class PerformanceStatisticsTests
{
    private const double Tolerance = 1e-12;

    // Mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32; sample variance 32/7.
    private static readonly double[] TextbookSample = [2, 4, 4, 4, 5, 5, 7, 9];

    [Fact]
    public void MomentsOfTextbookSample()
    {
        Assert.Equal(5, PerformanceStatistics.Mean(TextbookSample), Tolerance);
        Assert.Equal(32.0 / 7, PerformanceStatistics.Variance(TextbookSample), Tolerance);
        Assert.Equal(Math.Sqrt(32.0 / 7), PerformanceStatistics.StandardDeviation(TextbookSample), Tolerance);
    }

    [Fact]
    public void MomentsOfTooShortSeries()
    {
        Assert.True(double.IsNaN(PerformanceStatistics.Mean([])));
        Assert.Equal(0, PerformanceStatistics.Variance([3.0]));
        Assert.Equal(0, PerformanceStatistics.StandardDeviation([]));
    }

    [Fact]
    public void SharpeIsMeanOverSampleDeviation()
    {
        // [1, 3]: mean 2, sample variance (1 + 1)/1 = 2, Sharpe 2/√2 = √2.
        Assert.Equal(Math.Sqrt(2), PerformanceStatistics.SharpeRatio([1.0, 3.0]), Tolerance);
    }

    [Fact]
    public void SharpeIsNaNWithoutDispersion()
    {
        Assert.True(double.IsNaN(PerformanceStatistics.SharpeRatio([1.0, 1.0, 1.0])));
        Assert.True(double.IsNaN(PerformanceStatistics.SharpeRatio([5.0])));
    }

    [Fact]
    public void AnnualizeScalesBySquareRootOfPeriods()
    {
        // 0.1·√252 = 1.587450786638754.
        Assert.Equal(1.587450786638754, PerformanceStatistics.Annualize(0.1, 252), 1e-12);
    }

    [Fact]
    public void SortinoUsesDownsideOverAllPeriods()
    {
        // Mean (2 − 1 + 3 − 2)/4 = 0.5; downside √((1 + 4)/4) = √1.25.
        Assert.Equal(0.5 / Math.Sqrt(1.25), PerformanceStatistics.SortinoRatio([2.0, -1.0, 3.0, -2.0]), Tolerance);
        Assert.True(double.IsNaN(PerformanceStatistics.SortinoRatio([1.0, 2.0])));
    }

    [Fact]
    public void MaxDrawdownFindsLargestFallFromRunningPeak()
    {
        // Peak 5 → 3 falls 2; peak 8 (index 3) → 2 falls 6, → 1 (index 6) falls 7.
        DrawdownResult result = PerformanceStatistics.MaxDrawdown([0.0, 5, 3, 8, 2, 6, 1], initialCapital: 100);

        Assert.Equal(7, result.Absolute, Tolerance);
        // 7 / (100 + 8).
        Assert.Equal(7.0 / 108, result.Fraction, Tolerance);
        Assert.Equal(3, result.PeakIndex);
        Assert.Equal(6, result.TroughIndex);
    }

    [Fact]
    public void DrawdownFractionIsNaNWithoutCapital()
    {
        DrawdownResult result = PerformanceStatistics.MaxDrawdown([0.0, 5, 3], initialCapital: 0);

        Assert.Equal(2, result.Absolute, Tolerance);
        Assert.True(double.IsNaN(result.Fraction));
    }

    [Fact]
    public void RisingCurveHasNoDrawdown()
    {
        DrawdownResult result = PerformanceStatistics.MaxDrawdown([1.0, 2, 3], initialCapital: 10);

        Assert.Equal(0, result.Absolute);
        Assert.Equal(0, result.Fraction);
    }

    [Fact]
    public void MeanVarianceUtilityPenalizesVariance()
    {
        // [1, 3]: 2 − 0.5/2 · 2 = 1.5.
        Assert.Equal(1.5, PerformanceStatistics.MeanVarianceUtility([1.0, 3.0], gamma: 0.5), Tolerance);
    }

    [Fact]
    public void CaraCertaintyEquivalentOfTwoOutcomes()
    {
        // x = [0, ln 3], γ = 1: mean(e^(−x)) = (1 + 1/3)/2 = 2/3, CE = −ln(2/3) = ln 1.5.
        Assert.Equal(Math.Log(1.5), PerformanceStatistics.CaraCertaintyEquivalent([0.0, Math.Log(3)], gamma: 1), Tolerance);
    }

    [Fact]
    public void CaraCertaintyEquivalentDoesNotOverflowOnLargeLoss()
    {
        // e^(1e4) overflows; CE = −ln((e^(1e4) + 1)/2) = −1e4 + ln 2 − ln(1 + e^(−1e4)) = −1e4 + ln 2.
        double certaintyEquivalent = PerformanceStatistics.CaraCertaintyEquivalent([-1e4, 0.0], gamma: 1);

        Assert.Equal(-1e4 + Math.Log(2), certaintyEquivalent, 1e-9);
    }

    [Fact]
    public void CaraCertaintyEquivalentLimits()
    {
        // γ = 0: risk neutral, the mean (0 + 3)/2.
        Assert.Equal(1.5, PerformanceStatistics.CaraCertaintyEquivalent([0.0, 3.0], gamma: 0), Tolerance);
        // A sure amount is its own certainty equivalent at any γ.
        Assert.Equal(4, PerformanceStatistics.CaraCertaintyEquivalent([4.0, 4.0, 4.0], gamma: 2), 1e-12);
        // Jensen: a risk-averse CE lies below the mean of a risky gamble.
        Assert.True(PerformanceStatistics.CaraCertaintyEquivalent([0.0, 3.0], gamma: 0.5) < 1.5);
    }

    [Fact]
    public void UtilitiesRejectNegativeRiskAversion()
    {
        var error = Assert.Throws<InvalidParameterException>(() => PerformanceStatistics.CaraCertaintyEquivalent([1.0], gamma: -1));

        Assert.Equal("risk_aversion", error.Parameter);
        Assert.Throws<InvalidParameterException>(() => PerformanceStatistics.MeanVarianceUtility([1.0], gamma: double.NaN));
    }

    [Fact]
    public void FillRateIsFilledOverSubmitted()
    {
        Assert.Equal(0.75, PerformanceStatistics.FillRate(3, 4), Tolerance);
        Assert.True(double.IsNaN(PerformanceStatistics.FillRate(0, 0)));
    }
}
