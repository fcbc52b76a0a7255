using MarketMaking.Core.Errors;
using MarketMaking.Research.Sweeps;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Tests.Sweeps;

public class ParameterSpaceTests
{
    [Fact]
    public void AGridIsEveryCombinationWithTheLastAxisFastest()
    {
        IReadOnlyList<SweepPoint> points = ParameterSpace.Grid([new ParameterAxis("spread_bps", [2, 5, 10]), new ParameterAxis("max_inventory", [5, 20])]);
        Assert.Equal(6, points.Count);
        Assert.Equal([0, 1, 2, 3, 4, 5], points.Select(p => p.Index));
        Assert.Equal(
            ["spread_bps=2;max_inventory=5", "spread_bps=2;max_inventory=20", "spread_bps=5;max_inventory=5", "spread_bps=5;max_inventory=20", "spread_bps=10;max_inventory=5", "spread_bps=10;max_inventory=20"],
            points.Select(p => p.Key));

        // The text form is the same grid.
        Assert.Equal(points.Select(p => p.Key), ParameterSpace.Grid(["spread_bps=2,5,10", "max_inventory=5, 20"]).Select(p => p.Key));
    }

    [Fact]
    public void RandomPointsLieInTheirRangesAndFollowTheSeed()
    {
        IReadOnlyList<SweepPoint> a = ParameterSpace.Random([new ParameterRange("gamma", 0.01, 1), new ParameterRange("max_inventory", 2, 30)], 200, 3);
        Assert.Equal(200, a.Count);
        Assert.All(a, p => Assert.InRange(p.Values[0].Value, 0.01, 1));
        Assert.All(a, p => Assert.InRange(p.Values[1].Value, 2, 30));
        Assert.Equal(a.Select(p => p.Key), ParameterSpace.Random(["gamma=0.01:1", "max_inventory=2:30"], 200, 3).Select(p => p.Key));
        Assert.NotEqual(a.Select(p => p.Key), ParameterSpace.Random(["gamma=0.01:1", "max_inventory=2:30"], 200, 4).Select(p => p.Key));

        // Uniform draws: the mean of 200 in [0.01, 1] is 0.505 within four standard errors (0.286/√200 each).
        Assert.InRange(a.Average(p => p.Values[0].Value), 0.505 - (4 * 0.0202), 0.505 + (4 * 0.0202));
    }

    [Fact]
    public void AWholeNumberParameterIsDrawnFromTheWholeNumbersOfItsRange()
    {
        IReadOnlyList<SweepPoint> points = ParameterSpace.Random(["gamma=0.01:1", "max_inventory=2:30"], 400, 3);
        double[] drawn = [.. points.Select(p => p.Values[1].Value)];
        Assert.All(drawn, v => Assert.Equal(Math.Round(v), v));
        Assert.Equal(Enumerable.Range(2, 29).Select(v => (double)v), drawn.Distinct().Order());   // both ends included, every one drawn
        Assert.Equal([10.0, 19, 21, 21, 25], drawn[..5]);

        // One draw per parameter per point, as for any other: the seed gives gamma the values it gives it beside a fractional parameter.
        Assert.Equal(
            ParameterSpace.Random(["gamma=0.01:1", "spread_bps=2:30"], 400, 3).Select(p => p.Values[0].Value),
            points.Select(p => p.Values[0].Value));
    }

    [Theory]
    [InlineData(new[] { "max_inventory=2.5,7.5" }, "invalid grid: max_inventory takes whole numbers, got 2.5")]
    [InlineData(new[] { "gamma=0.1", "max_inventory=5,7.5" }, "invalid grid: max_inventory takes whole numbers, got 7.5")]
    public void AGridGivingAWholeNumberParameterAFractionIsRefused(string[] specs, string expected) =>
        Assert.Equal(expected, Assert.Throws<InvalidParameterException>(() => ParameterSpace.Grid(specs)).Message);

    [Theory]
    [InlineData("max_inventory=2.5:30", "invalid range: max_inventory takes whole numbers, got 2.5")]
    [InlineData("max_inventory=2:29.9", "invalid range: max_inventory takes whole numbers, got 29.9")]
    public void ARangeGivingAWholeNumberParameterAFractionIsRefused(string spec, string expected) =>
        Assert.Equal(expected, Assert.Throws<InvalidParameterException>(() => ParameterSpace.Random(["gamma=0.01:1", spec], 5, 1)).Message);

    [Theory]
    [InlineData("gama=1,2", "unknown parameter 'gama'")]
    [InlineData("gamma=1,x", "'x' is not a number")]
    [InlineData("gamma", "expected name=v1,v2,…")]
    public void MalformedGridsAreRefused(string spec, string expected) =>
        Assert.Contains(expected, Assert.Throws<InvalidParameterException>(() => ParameterSpace.Grid([spec])).Message, StringComparison.Ordinal);

    [Fact]
    public void AnAxisGivenTwiceOrARangeUpsideDownIsRefused()
    {
        Assert.Contains("'gamma' is given twice", Assert.Throws<InvalidParameterException>(() => ParameterSpace.Grid([new ParameterAxis("gamma", [1]), new ParameterAxis("gamma", [2])])).Message, StringComparison.Ordinal);
        Assert.Contains("high must exceed low", Assert.Throws<InvalidParameterException>(() => ParameterSpace.Random([new ParameterRange("gamma", 1, 1)], 1, 1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APointsValuesSetTheStrategySettings()
    {
        StrategySettings s = TunableParameters.Apply(new StrategySettings(), [("spread_bps", 7.5), ("max_inventory", 4.6), ("gamma", 0.3)]);
        Assert.Equal((7.5, 5, 0.3), (s.SpreadBps, s.MaxInventory, s.Gamma));   // max_inventory is a whole number of orders: 4.6 rounds to 5
    }
}
