using MarketMaking.Core.Accounting;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.Metrics;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Risk;
using MarketMaking.Simulation.Engine;
using MarketMaking.Strategies;

namespace MarketMaking.Simulation.Tests.Engine;

/// <summary>"Time at limit" counts the binding limit: --max-position or the strategy's own --max-inventory, whichever is smaller.</summary>
public class TimeAtLimitTests
{
    /// <summary>
    /// Over t = 0…10 the position is 0, then 1 from t = 1, 2 from t = 2, back to 1 from t = 6:
    /// |q| ≥ 2 for 4 of the 10, |q| ≥ 1 for 9 of them.
    /// </summary>
    private static double TimeAtLimit(IQuotingStrategy strategy, double maxPosition)
    {
        var path = new DecisionPath(
            new Instrument("TEST", 0.01, 1),
            strategy,
            new RunSettings { Risk = new RiskLimits { MaxPosition = maxPosition }, Metrics = new MetricsOptions { InventoryLimit = maxPosition } });
        path.Mark(0, 100);
        foreach ((double time, Side side) in new[] { (1.0, Side.Buy), (2.0, Side.Buy), (6.0, Side.Sell) })
        {
            path.OnFill(new Fill(time, 1, side, 100, 1, 0, IsMaker: true, 100), double.NaN);
            path.Mark(time, 100);
        }

        path.Mark(10, 100);
        return path.Finish(100).Metrics.TimeAtLimitShare;
    }

    [Fact]
    public void TheStrategysOwnLimitCountsWhenItIsTheSmaller()
    {
        // fixed with max_inventory 2 (order size 1) stops buying at q = 2: it was counted only against --max-position.
        IQuotingStrategy fixedSpread = StrategyCatalog.Create("fixed", new StrategySettings { MaxInventory = 2 });
        Assert.Equal(2, ((IInventoryLimited)fixedSpread).InventoryLimit);
        Assert.Equal(0.4, TimeAtLimit(fixedSpread, double.PositiveInfinity), 12);
        Assert.Equal(0.4, TimeAtLimit(fixedSpread, 5), 12);

        // A position limit of 1 binds first.
        Assert.Equal(0.9, TimeAtLimit(fixedSpread, 1), 12);
    }

    [Fact]
    public void AStrategyWithoutALimitCountsThePositionLimitAlone()
    {
        // Avellaneda–Stoikov reads no max_inventory.
        IQuotingStrategy avellanedaStoikov = StrategyCatalog.Create("as", new StrategySettings { MaxInventory = 2 });
        Assert.Equal(double.PositiveInfinity, IInventoryLimited.Of(avellanedaStoikov));
        Assert.Equal(0, TimeAtLimit(avellanedaStoikov, double.PositiveInfinity));
        Assert.Equal(0.4, TimeAtLimit(avellanedaStoikov, 2), 12);
    }

    [Fact]
    public void ALimitIsCountedInInstrumentUnits()
    {
        // max_inventory 1 of orders of 2 units: at the limit from q = 2 units.
        IQuotingStrategy glft = StrategyCatalog.Create("glft", new StrategySettings { MaxInventory = 1, OrderQuantity = 2 });
        Assert.Equal(0.4, TimeAtLimit(glft, double.PositiveInfinity), 12);
    }

    [Fact]
    public void AWrappedStrategyKeepsItsLimit()
    {
        var shaped = new QuoteShaping(StrategyCatalog.Create("cj", new StrategySettings { MaxInventory = 2 }), [], 0, 0.01, 1);
        Assert.Equal(0.4, TimeAtLimit(shaped, 10), 12);
    }
}
