using MarketMaking.Core.Errors;
using MarketMaking.Strategies.Models;

namespace MarketMaking.Strategies.Tests;

public class StrategyCatalogTests
{
    public static TheoryData<string> Names => [.. StrategyCatalog.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void CreatesEveryNamedStrategy(string name)
    {
        var strategy = StrategyCatalog.Create(name, new StrategySettings());

        Assert.Equal(name, strategy.Name);
    }

    [Fact]
    public void ListsTheNineModels()
    {
        Assert.Equal(["as", "as-rolling", "symmetric", "glft", "glft-exact", "cj", "fixed", "adaptive", "touch"], StrategyCatalog.Names);
    }

    [Fact]
    public void UnknownNameListsKnownOnes()
    {
        var error = Assert.Throws<InvalidParameterException>(() => StrategyCatalog.Create("xyz", new StrategySettings()));

        Assert.Equal("strategy", error.Parameter);
        Assert.Equal("invalid strategy: unknown strategy 'xyz'; known: as, as-rolling, symmetric, glft, glft-exact, cj, fixed, adaptive, touch", error.Message);
    }

    [Fact]
    public void PassesSettingsThrough()
    {
        var settings = new StrategySettings { MaxInventory = 5, TimeStep = 0.1, UpdateInterval = 3, RollingHorizon = 0.5 };

        var exact = (GlftExactStrategy)StrategyCatalog.Create("glft-exact", settings);
        var fixedSpread = (FixedSpreadStrategy)StrategyCatalog.Create("fixed", settings);
        var rolling = (AvellanedaStoikovStrategy)StrategyCatalog.Create("as-rolling", settings);

        Assert.Equal((5, 10), (exact.Table.MaxInventory, exact.Table.Steps));
        Assert.Equal(3, fixedSpread.UpdateInterval);
        Assert.Equal(0.1 * 4 * 0.5, rolling.CoefficientsAt(0.9).Skew, 15);
    }

    [Fact]
    public void BadSettingNamesItsOption()
    {
        var error = Assert.Throws<InvalidParameterException>(() => StrategyCatalog.Create("cj", new StrategySettings { Kappa = 0 }));

        Assert.Equal("kappa", error.Parameter);
    }
}
