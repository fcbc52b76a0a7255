using MarketMaking.Signals.Statistics;

namespace MarketMaking.Signals.Tests.Statistics;

public class NormalDistributionTests
{
    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, 0.841344746068543)]
    [InlineData(-2, 0.0227501319481792)]
    [InlineData(3, 0.998650101968370)]
    [InlineData(1.959963984540054, 0.975)]
    [InlineData(-5, 2.866515718791939e-7)]
    public void CdfMatchesTables(double x, double expected)
    {
        Assert.Equal(expected, NormalDistribution.Cdf(x), 1e-7);
    }
}
