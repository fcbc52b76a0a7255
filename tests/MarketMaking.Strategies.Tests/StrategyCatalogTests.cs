using System.Globalization;
using System.Text;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Quoting;
using MarketMaking.Signals.Features;
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

    /// <summary>Each setting by config key, moved to another valid value.</summary>
    private static readonly Dictionary<string, Func<StrategySettings, StrategySettings>> Moved = new(StringComparer.Ordinal)
    {
        ["gamma"] = s => s with { Gamma = s.Gamma * 2 },
        ["sigma"] = s => s with { Sigma = s.Sigma * 1.5 },
        ["A"] = s => s with { A = s.A * 1.5 },
        ["kappa"] = s => s with { Kappa = s.Kappa * 1.5 },
        ["horizon"] = s => s with { Horizon = s.Horizon * 2 },
        ["dt"] = s => s with { TimeStep = s.TimeStep * 2 },
        ["max_inventory"] = s => s with { MaxInventory = 5 },
        ["order_size"] = s => s with { OrderQuantity = 2 },
        ["phi"] = s => s with { Phi = s.Phi * 2 },
        ["terminal_penalty"] = s => s with { TerminalPenalty = s.TerminalPenalty * 10 },
        ["rolling_horizon"] = s => s with { RollingHorizon = 0.5 },
        ["spread_bps"] = s => s with { SpreadBps = s.SpreadBps * 2 },
        ["skew_factor"] = s => s with { SkewFactor = 0.25 },
        ["update_freq"] = s => s with { UpdateInterval = 1 },
        ["base_spread"] = s => s with { BaseSpread = s.BaseSpread * 2 },
        ["vol_ref"] = s => s with { VolatilityReference = 4 },
        ["inventory_skew"] = s => s with { InventorySkew = 0.1 },
        ["skew_accel"] = s => s with { SkewAcceleration = 4 },
        ["alpha_skew"] = s => s with { AlphaSkew = 0.2 },
        ["min_spread"] = s => s with { MinSpread = 10 },
        ["imbalance_skew"] = s => s with { ImbalanceSkew = 0.3 },
    };

    /// <summary>
    /// A strategy's parameter list (what mm tune checks a sweep against) is exactly the settings that
    /// change its quotes: each setting is moved alone and the quotes compared over contexts that
    /// reach every branch (inventories past the limit, finite and rolling time left and time left
    /// beyond the horizon, a volatility, an alpha, a book with an imbalance).
    /// </summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void ListsExactlyTheSettingsThatChangeItsQuotes(string name)
    {
        Assert.Equal(typeof(StrategySettings).GetProperties().Length, Moved.Count); // every setting is tried
        var baseline = new StrategySettings();
        string quoted = Quotes(StrategyCatalog.Create(name, baseline));
        string[] changing = [.. Moved.Where(m => Quotes(StrategyCatalog.Create(name, m.Value(baseline))) != quoted).Select(m => m.Key)];
        Assert.Equal(changing.Order(StringComparer.Ordinal), StrategyCatalog.Parameters(name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ParametersOfAnUnknownStrategyNameTheKnownOnes() =>
        Assert.Equal(
            "invalid strategy: unknown strategy 'xyz'; known: as, as-rolling, symmetric, glft, glft-exact, cj, fixed, adaptive, touch",
            Assert.Throws<InvalidParameterException>(() => StrategyCatalog.Parameters("xyz")).Message);

    private static string Quotes(IQuotingStrategy strategy)
    {
        var features = new double[MarketFeatures.Names.Count];
        features[MarketFeatures.IndexOf("imbalance")] = 0.4;
        var text = new StringBuilder();
        foreach (double inventory in new[] { -30, -12, -6, -4.5, 0, 3, 4.5, 6, 12, 30 })
        {
            // Off the table's row grid (dt is read there), and one beyond the horizon (read there).
            foreach (double timeLeft in new[] { 1.5, 1, 0.5537, 0.2013, double.PositiveInfinity })
            {
                var context = new QuoteContext
                {
                    Time = double.IsFinite(timeLeft) ? Math.Max(0, 1 - timeLeft) : 0,
                    TimeLeft = timeLeft,
                    Mid = 100,
                    BestBid = 99.5,
                    BestAsk = 100.5,
                    Inventory = inventory,
                    Volatility = 3,
                    Alpha = 0.7,
                    Features = features,
                };
                QuoteDecision decision = strategy.Decide(in context);
                foreach (QuoteLevel level in decision.Bids)
                {
                    text.Append(CultureInfo.InvariantCulture, $"b{level.Price:R}x{level.Quantity:R} ");
                }

                foreach (QuoteLevel level in decision.Asks)
                {
                    text.Append(CultureInfo.InvariantCulture, $"a{level.Price:R}x{level.Quantity:R} ");
                }

                text.Append('|');
            }
        }

        return text.ToString();
    }
}
