using MarketMaking.Core.Errors;
using MarketMaking.Core.Risk;

namespace MarketMaking.Core.Tests.Risk;

public class PortfolioRiskLimitsTests
{
    // BTC at 60,000 (limit 10,000, σ_ref 1e-4 per √s) and ETH at 2,500 (limit 5,000, σ_ref 2e-4).
    private static readonly PortfolioRiskLimits Limits = new PortfolioRiskLimits
    {
        Instruments = [new InstrumentExposureLimit(10_000, 1e-4), new InstrumentExposureLimit(5_000, 2e-4)],
        MaxNetExposure = 8_000,
        MaxGrossNotional = 12_000,
    }.Validate();

    private static readonly double[] Prices = [60_000, 2_500];

    [Fact]
    public void WithinEveryLimitAtCalmVolatility()
    {
        // +0.1 BTC = 6,000, −1.6 ETH = −4,000: net 2,000, gross 10,000.
        Assert.Equal((PortfolioBreach.None, -1), Limits.Check([0.1, -1.6], Prices, [1e-4, 1e-4]));
    }

    [Fact]
    public void EachLimitIsFoundByHandValues()
    {
        // 0.2 BTC = 12,000 > 10,000.
        Assert.Equal((PortfolioBreach.InstrumentExposure, 0), Limits.Check([0.2, 0], Prices, [0, 0]));

        // 0.1 BTC + 1.2 ETH = 6,000 + 3,000 = 9,000 net > 8,000.
        Assert.Equal((PortfolioBreach.NetExposure, -1), Limits.Check([0.1, 1.2], Prices, [0, 0]));

        // 0.15 BTC − 1.6 ETH: net 5,000, gross 9,000 + 4,000 = 13,000 > 12,000.
        Assert.Equal((PortfolioBreach.GrossNotional, -1), Limits.Check([0.15, -1.6], Prices, [0, 0]));
    }

    [Fact]
    public void LimitsShrinkInProportionAsVolatilityRisesAboveItsReference()
    {
        Assert.Equal(1, Limits.Scale(0, 0.5e-4));
        Assert.Equal(0.5, Limits.Scale(0, 2e-4), 12);

        // BTC twice as volatile as its reference: its limit is 5,000, so 0.1 BTC (6,000) now breaks it.
        Assert.Equal((PortfolioBreach.InstrumentExposure, 0), Limits.Check([0.1, 0], Prices, [2e-4, 1e-4]));

        // ETH at 4 × its reference: ETH's limit 1,250, the portfolio's × 1/4 (net 2,000, gross 3,000): 0.03 BTC − 0.4 ETH
        // (1,800 − 1,000: net 800, gross 2,800) is within, 0.05 BTC alone (3,000 net) is not.
        Assert.Equal((PortfolioBreach.None, -1), Limits.Check([0.03, -0.4], Prices, [0, 8e-4]));
        Assert.Equal((PortfolioBreach.NetExposure, -1), Limits.Check([0.05, 0], Prices, [0, 8e-4]));
    }

    [Theory]
    [InlineData(0, 1, 1, "portfolio_risk.max_net_exposure")]
    [InlineData(1, -5, 1, "portfolio_risk.max_gross_notional")]
    [InlineData(1, 1, 0, "portfolio_risk.instruments[1].max_exposure")]
    public void ABadFieldIsNamedInAOneLineError(double net, double gross, double second, string field)
    {
        var limits = new PortfolioRiskLimits
        {
            Instruments = [new InstrumentExposureLimit(1), new InstrumentExposureLimit(second)],
            MaxNetExposure = net,
            MaxGrossNotional = gross,
        };

        var error = Assert.Throws<InvalidParameterException>(() => limits.Validate());
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void ANonPositiveVolatilityReferenceIsRefused()
    {
        var limits = new PortfolioRiskLimits { Instruments = [new InstrumentExposureLimit(1, 0)] };
        Assert.Contains("instruments[0].volatility_reference", Assert.Throws<InvalidParameterException>(() => limits.Validate()).Message, StringComparison.Ordinal);
    }
}
