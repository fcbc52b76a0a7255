using MarketMaking.Signals.Volatility;

namespace MarketMaking.Signals.Tests.Volatility;

public class EwmaVolatilityTests
{
    [Fact]
    public void TheFirstReturnSetsTheVarianceRateAndEachLaterOneBlendsInWithItsHalfLifeWeight()
    {
        var ewma = new EwmaVolatility(TimeSpan.FromSeconds(2));
        Assert.True(double.IsNaN(ewma.Value));
        ewma.Update(0, 100);
        Assert.True(double.IsNaN(ewma.Value)); // one mid, no return yet

        ewma.Update(2_000_000_000, 102);       // r over 2 s: rate r²/2
        double r1 = Math.Log(1.02), v1 = r1 * r1 / 2;
        Assert.Equal(v1, ewma.Variance, 15);

        ewma.Update(2_000_000_000, 150);       // no time elapsed: waits, measured from 102 at the next stamp
        ewma.Update(3_000_000_000, 101);       // r over 1 s, λ = 2^(−1/2)
        double r2 = Math.Log(101 / 102.0), keep = Math.Pow(2, -0.5);
        Assert.Equal((keep * v1) + ((1 - keep) * r2 * r2), ewma.Variance, 15);
        ewma.Update(4_000_000_000, double.NaN); // a one-sided book: skipped
        Assert.Equal(2, ewma.Count);
        Assert.Equal(Math.Sqrt(ewma.Variance), ewma.Value, 15);
    }
}
