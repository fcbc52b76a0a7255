using MarketMaking.Reporting.Charts;

namespace MarketMaking.Reporting.Tests.Charts;

public class NumberLabelTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(0.5, "0.5")]
    [InlineData(0.6000000000000001, "0.6")]
    [InlineData(100.0, "100")]
    [InlineData(-12.25, "-12.25")]
    [InlineData(0.001, "0.001")]
    [InlineData(1200.0, "1.2k")]
    [InlineData(-1500.0, "-1.5k")]
    [InlineData(2_500_000.0, "2.5M")]
    [InlineData(999_999.0, "1M")]
    [InlineData(3e9, "3G")]
    [InlineData(1e-4, "1e-4")]
    [InlineData(-2.5e-5, "-2.5e-5")]
    [InlineData(4e15, "4e15")]
    public void FormatsCompactly(double value, string expected)
    {
        Assert.Equal(expected, NumberLabel.Format(value));
    }
}
