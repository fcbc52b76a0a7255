using MarketMaking.Signals.Windows;

namespace MarketMaking.Signals.Tests.Windows;

public class RollingWindowTests
{
    [Fact]
    public void MeanAndVarianceOfTheLastValues()
    {
        var window = new RollingWindow(3);
        foreach (double value in new double[] { 10, 1, 2, 6 })
        {
            window.Add(value);
        }

        // Last three: 1, 2, 6 → mean 3, sample variance (4 + 1 + 9)/2 = 7.
        Assert.Equal(3, window.Mean, 1e-12);
        Assert.Equal(7, window.Variance, 1e-12);
    }

    [Fact]
    public void SumStaysAccurateOverALongStream()
    {
        var window = new RollingWindow(50);
        var random = new Random(5);
        var values = new double[100_001];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (random.NextDouble() - 0.5) * 1e8;
            window.Add(values[i]);
        }

        double expected = values.Skip(values.Length - 50).Sum();
        Assert.Equal(expected, window.Sum, 1e-4);
    }
}
