using MarketMaking.Reporting.Charts;

namespace MarketMaking.Reporting.Tests.Charts;

public class NiceTicksTests
{
    private static readonly double[] OneTwoFive = [1, 2, 5];

    [Fact]
    public void UnitRangeUsesStepOfPointTwo()
    {
        // Step 0.1 gives 11 ticks, 0.2 gives 6 (the target), 0.5 gives 3.
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1.0], NiceTicks.Compute(0, 1));
    }

    [Fact]
    public void MixedSignRangeUsesStepOfTwo()
    {
        // Step 1 → −3…12 (16 ticks), step 2 → −2…12 (8 ticks, |8−6| = 2), step 5 → 0, 5, 10 (3 ticks, |3−6| = 3).
        Assert.Equal([-2, 0, 2, 4, 6, 8, 10, 12], NiceTicks.Compute(-3.7, 12.2));
    }

    [Fact]
    public void TieBetweenStepsPrefersMoreTicks()
    {
        // [0, 3999]: step 500 → 8 ticks and step 1000 → 4 ticks are both 2 away from 6.
        Assert.Equal([0, 500, 1000, 1500, 2000, 2500, 3000, 3500], NiceTicks.Compute(0, 3999));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-3.7, 12.2)]
    [InlineData(9.5, 20.5)]
    [InlineData(0.00012, 0.00047)]
    [InlineData(-1e9, 2.5e9)]
    [InlineData(99.99, 100.01)]
    [InlineData(-0.3, -0.1)]
    public void TicksAreInsideRangeEvenlySpacedAndOnTheOneTwoFiveGrid(double min, double max)
    {
        double[] ticks = NiceTicks.Compute(min, max);

        Assert.InRange(ticks.Length, 3, 8);
        Assert.All(ticks, t => Assert.InRange(t, min, max));
        double step = ticks[1] - ticks[0];
        for (int i = 2; i < ticks.Length; i++)
        {
            Assert.Equal(step, ticks[i] - ticks[i - 1], step * 1e-9);
        }

        double mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-9));
        Assert.Contains(Math.Round(mantissa, 6), OneTwoFive);
        Assert.Equal(0, Math.Abs(Math.IEEERemainder(ticks[0], step)), step * 1e-6);
    }

    [Fact]
    public void EmptyOrInvalidRangeHasNoTicks()
    {
        Assert.Empty(NiceTicks.Compute(5, 5));
        Assert.Empty(NiceTicks.Compute(2, 1));
        Assert.Empty(NiceTicks.Compute(double.NaN, 1));
    }
}
