using MarketMaking.Core.Errors;
using MarketMaking.Core.Metrics;

namespace MarketMaking.Core.Tests.Metrics;

public class MetricsOptionsTests
{
    [Fact]
    public void DefaultsMeanNoLimitUnitPeriodAndUnknownYear()
    {
        var options = new MetricsOptions();

        Assert.Empty(options.MarkoutHorizons);
        Assert.Equal(double.PositiveInfinity, options.InventoryLimit);
        Assert.Equal(1, options.SamplePeriod);
        Assert.True(double.IsNaN(options.PeriodsPerYear));
        Assert.Equal(0, options.InitialCapital);
    }

    [Fact]
    public void PeriodsPerYearFollowTheSamplePeriod()
    {
        // A year around the clock is 365 × 24 × 3600 = 31,536,000 s: 525,600 minutes, 8,760 hours.
        Assert.Equal(31_536_000, MetricsOptions.SecondsPerYear);
        Assert.Equal(525_600, new MetricsOptions { TimeUnitsPerYear = MetricsOptions.SecondsPerYear, SamplePeriod = 60 }.PeriodsPerYear, 9);
        Assert.Equal(8_760, (new MetricsOptions { TimeUnitsPerYear = MetricsOptions.SecondsPerYear } with { SamplePeriod = 3600 }).PeriodsPerYear, 9);
    }

    [Fact]
    public void RejectsOutOfDomainValuesNamingTheSetting()
    {
        Assert.Equal("inventory_limit", Assert.Throws<InvalidParameterException>(() => new MetricsOptions { InventoryLimit = 0 }).Parameter);
        Assert.Equal("inventory_limit", Assert.Throws<InvalidParameterException>(() => new MetricsOptions { InventoryLimit = double.NaN }).Parameter);
        Assert.Equal("sample_period", Assert.Throws<InvalidParameterException>(() => new MetricsOptions { SamplePeriod = 0 }).Parameter);
        Assert.Equal("time_units_per_year", Assert.Throws<InvalidParameterException>(() => new MetricsOptions { TimeUnitsPerYear = -252 }).Parameter);
        Assert.Equal("initial_capital", Assert.Throws<InvalidParameterException>(() => new MetricsOptions { InitialCapital = -1 }).Parameter);
        Assert.Equal("markout_horizons", Assert.Throws<InvalidParameterException>(() => new MetricsCollector(new MetricsOptions { MarkoutHorizons = [5, -1] })).Parameter);
    }
}
