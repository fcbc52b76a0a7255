using MarketMaking.Research.Backtests;
using MarketMaking.Research.Quoting;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Tests.Backtests;

public sealed class BacktestTextTests
{
    private static readonly StrategySettings Settings = new() { Gamma = 0.2, Sigma = 0.123456, Kappa = 7, Horizon = 30, OrderQuantity = 0.01, SpreadBps = 15, SkewFactor = 0.25 };

    private static string Line(params string[] strategies) => BacktestText.StrategySettings(DescribedSettings.For(Settings, strategies)).Value;

    [Fact]
    public void AFixedSpreadListsItsSpreadAndNoModelParameter()
    {
        Assert.Equal("order size 0.01, max inventory 20, spread 15 bp, skew factor 0.25", Line("fixed"));
    }

    [Fact]
    public void AvellanedaStoikovListsItsModelAndNoSpread()
    {
        // σ to four significant digits: 0.123456 → 0.1235.
        Assert.Equal("γ 0.2, σ 0.1235, κ 7, T 30, order size 0.01", Line("as"));
    }

    [Fact]
    public void SeveralStrategiesListWhatAnyOfThemReadsOnce()
    {
        Assert.Equal("γ 0.2, σ 0.1235, κ 7, T 30, order size 0.01, max inventory 20, spread 15 bp, skew factor 0.25", Line("fixed", "as"));
    }

    [Fact]
    public void EverySettingAStrategyReadsIsListed()
    {
        // One item per setting read: a key without a text would drop out of the line silently.
        foreach (string name in StrategyCatalog.Names.Append(StrategyChoice.LearnedSpread))
        {
            Assert.Equal(StrategyFactory.Parameters(name).Count, Line(name).Split(", ").Length);
        }

        Assert.Equal("order size 0.01, max inventory 20, inventory skew 0.05", Line(StrategyChoice.LearnedSpread));
    }
}
