using MarketMaking.Core.Errors;
using MarketMaking.Strategies.Models;
using MarketMaking.Strategies.Numerics;
using MarketMaking.Strategies.Vectorization;

namespace MarketMaking.Strategies.Tests.Vectorization;

public class InventoryDepthTableTests
{
    private static readonly GlftExactParameters Paper = new(Gamma: 0.1, Sigma: 2, A: 140, Kappa: 1.5, MaxInventory: 20);

    [Theory]
    [InlineData(1.0, 0)]
    [InlineData(0.995, 1)]
    [InlineData(0.9951, 0)]
    [InlineData(0.3, 140)]
    [InlineData(0.0025, 199)]
    [InlineData(0.0, 199)]
    [InlineData(-1.0, 199)]
    [InlineData(5.0, 0)]
    [InlineData(double.PositiveInfinity, -1)]
    public void StepForMapsTimeLeftToRow(double timeLeft, int expected)
    {
        // Row j = floor((T − timeLeft)/dt + 1e−6) in [0, 199]: 0.3 → 0.7/0.005 = 139.99999999999997 → 140.
        var table = new GlftExactStrategy(Paper).Table;

        Assert.Equal(expected, table.StepFor(timeLeft));
    }

    [Fact]
    public void StepsRoundHorizonOverTimeStep()
    {
        // T = 1, dt = 0.3: round(3.33) = 3 rows, τ = 1, 0.7, 0.4.
        var table = new GlftExactStrategy(Paper with { TimeStep = 0.3 }).Table;

        Assert.Equal((3, 1.0, 0.3, 20), (table.Steps, table.Horizon, table.TimeStep, table.MaxInventory));
        Assert.Equal(2, table.StepFor(0.1));
    }

    [Theory]
    [InlineData(2.4, 1.0, 2)]
    [InlineData(2.6, 1.0, 3)]
    [InlineData(-0.26, 0.1, -3)]
    [InlineData(100.0, 1.0, 20)]
    [InlineData(-100.0, 1.0, -20)]
    public void InventoryIndexRoundsAndClamps(double inventory, double orderQuantity, int expected)
    {
        var table = new GlftExactStrategy(Paper).Table;

        Assert.Equal(expected, table.InventoryIndex(inventory, orderQuantity));
    }

    [Fact]
    public void RowsEqualDirectComputationAtTheirTime()
    {
        // Rows are built by stepping one propagator from τ = dt; row j must match exp(−M·τ_j)·1 directly.
        var table = new GlftExactStrategy(Paper with { MaxInventory = 5 }).Table;
        var eta = 140 * Math.Pow(16.0 / 15, -16);
        var diagonal = Enumerable.Range(-5, 11).Select(q => 0.3 * q * q).ToArray();
        var exponential = new TridiagonalExponential(diagonal, Enumerable.Repeat(-eta, 10).ToArray());
        var v = new double[11];
        var baseDepth = 10 * Math.Log(16.0 / 15);

        foreach (var j in new[] { 0, 57, 199 })
        {
            exponential.Apply(1 - (j * 0.005), Enumerable.Repeat(1.0, 11).ToArray(), v);
            for (var q = -5; q < 5; q++)
            {
                Assert.Equal((Math.Log(v[q + 5] / v[q + 6]) / 1.5) + baseDepth, table.BidDepth(j, q), 11);
            }
        }
    }

    [Fact]
    public void SidesBeyondLimitsAreNaN()
    {
        var table = new GlftExactStrategy(Paper).Table;

        Assert.True(double.IsNaN(table.BidDepth(3, 20)));
        Assert.True(double.IsNaN(table.AskDepth(3, -20)));
        Assert.True(double.IsNaN(table.BidDepth(-1, 20)));
        Assert.False(double.IsNaN(table.AskDepth(3, 20)));
        Assert.False(double.IsNaN(table.BidDepth(3, -20)));
    }

    [Fact]
    public void RefusesOversizedTable()
    {
        // 1000/1e−5 = 1e8 rows × 41 columns is far beyond the 1e7-cell cap.
        var error = Assert.Throws<InvalidParameterException>(() => new GlftExactStrategy(Paper with { Horizon = 1000, TimeStep = 1e-5 }));

        Assert.Equal("dt", error.Parameter);
    }

    [Fact]
    public void ValueRangeBeyondDoublePrecisionIsReported()
    {
        // φκq² = 240 000 at q = ±40 against λ/e = 3.7e−7: ω there is below 1e−308 of ω_0 (0 in double precision).
        var error = Assert.Throws<InvalidParameterException>(() =>
            new CarteaJaimungalStrategy(new CarteaJaimungalParameters(1e-6, 1.5, 100, 100, MaxInventory: 40)));

        Assert.Equal("max_inventory", error.Parameter);
    }
}
