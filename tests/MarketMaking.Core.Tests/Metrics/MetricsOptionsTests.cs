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
    public void RejectsOutOfDomainValuesNamingTheSetting()
    {
        Assert.Equal("inventory_limit", Assert.Throws<InvalidParameterException>(() => new MetricsOptions { InventoryLimit = 0 }).Parameter);
        Assert.Equal("inventory_limit", Assert.Throws<InvalidParameterException>(() => new MetricsOptions { InventoryLimit = double.NaN }).Parameter);
        Assert.Equal("sample_period", Assert.Throws<InvalidParameterException>(() => new MetricsOptions { SamplePeriod = 0 }).Parameter);
        Assert.Equal("periods_per_year", Assert.Throws<InvalidParameterException>(() => new MetricsOptions { PeriodsPerYear = -252 }).Parameter);
        Assert.Equal("initial_capital", Assert.Throws<InvalidParameterException>(() => new MetricsOptions { InitialCapital = -1 }).Parameter);
        Assert.Equal("markout_horizons", Assert.Throws<InvalidParameterException>(() => new MetricsCollector(new MetricsOptions { MarkoutHorizons = [5, -1] })).Parameter);
    }
}
