using System.Numerics;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies.Models;
using MarketMaking.Strategies.Vectorization;

namespace MarketMaking.Simulation.Tests.MonteCarlo;

/// <summary>
/// The fill table must decide every lane exactly as the exponentials would from the lane's own
/// prices (mid − bid, not the table's skew·q + half), or hand the step back.
/// </summary>
public class FillThresholdTableTests
{
    private static readonly ModelMarketParameters Market = new();
    private static readonly ModelConstants Constants = new(Market);
    private static readonly int Width = Vector<double>.Count;

    private static LinearQuote[] Coefficients() =>
        Enumerable.Range(0, Market.Steps)
            .Select(step => new AvellanedaStoikovStrategy(new AvellanedaStoikovParameters(0.1, 2, 1.5)).CoefficientsAt(Market.Horizon - (step * Market.TimeStep)))
            .ToArray();

    /// <summary>The engine's reference: quotes as LinearInventoryPolicy makes them, probabilities from their depths.</summary>
    private static (bool Bought, bool Sold) Exponentials(LinearQuote quote, double mid, double q, double bidUniform, double askUniform)
    {
        double bid = quote.Bid(mid, q);
        double ask = quote.Ask(mid, q);
        double bidProbability = ModelStepKernel.PoissonFillProbability(in Constants, new Vector<double>(mid - bid))[0];
        double askProbability = ModelStepKernel.PoissonFillProbability(in Constants, new Vector<double>(ask - mid))[0];
        return (bidUniform < bidProbability, askUniform < askProbability);
    }

    private static Vector<double> Band(FillThresholdTable table, int step) => new(table.BandOf(step));

    [Fact]
    public void EveryDecisionMatchesTheExponentialsOfTheLanesOwnPrices()
    {
        LinearQuote[] steps = Coefficients();
        FillThresholdTable table = FillThresholdTable.TryCreate(in Constants, steps, double.PositiveInfinity, double.PositiveInfinity)!;
        var random = new Random(5);
        double[] q = new double[Width], mid = new double[Width], bidUniform = new double[Width], askUniform = new double[Width];
        int decided = 0, handedBack = 0, fills = 0;
        for (int trial = 0; trial < 50_000; trial++)
        {
            int step = random.Next(steps.Length);
            for (int lane = 0; lane < Width; lane++)
            {
                q[lane] = random.Next(-table.Range, table.Top + 1);
                mid[lane] = 100 + (random.NextDouble() * 400) - 200;
                bidUniform[lane] = random.NextDouble();
                askUniform[lane] = random.NextDouble();
            }

            if (!table.TryFills(table.RowOf(step), Band(table, step), new Vector<double>(q), new Vector<double>(mid), new Vector<double>(bidUniform), new Vector<double>(askUniform), out Vector<long> bought, out Vector<long> sold))
            {
                handedBack++;
                continue;
            }

            decided++;
            for (int lane = 0; lane < Width; lane++)
            {
                (bool expectedBought, bool expectedSold) = Exponentials(steps[step], mid[lane], q[lane], bidUniform[lane], askUniform[lane]);
                Assert.Equal(expectedBought, bought[lane] != 0);
                Assert.Equal(expectedSold, sold[lane] != 0);
                fills += (expectedBought ? 1 : 0) + (expectedSold ? 1 : 0);
            }
        }

        // The band is 2·2⁻³⁰ of the probability wide: a random uniform falls in it about once in 10⁹.
        Assert.Equal(0, handedBack);
        Assert.Equal(50_000, decided);

        // Both outcomes are exercised (at |q| up to 32 one side's depth is near or below zero, where it always fills).
        Assert.InRange(fills / (2.0 * Width * decided), 0.1, 0.9);
    }

    [Fact]
    public void AUniformAtTheLanesOwnProbabilityIsHandedBack()
    {
        LinearQuote[] steps = Coefficients();
        FillThresholdTable table = FillThresholdTable.TryCreate(in Constants, steps, double.PositiveInfinity, double.PositiveInfinity)!;
        const int Step = 17;
        const double Mid = 100.37, Q = 3;
        double bid = steps[Step].Bid(Mid, Q);
        double p = ModelStepKernel.PoissonFillProbability(in Constants, new Vector<double>(Mid - bid))[0];

        // u = p, just below and just above: the exponentials say no, yes, no; the table cannot tell so close.
        foreach (double u in new[] { p, Math.BitDecrement(p), Math.BitIncrement(p) })
        {
            Assert.False(table.TryFills(table.RowOf(Step), Band(table, Step), new Vector<double>(Q), new Vector<double>(Mid), new Vector<double>(u), new Vector<double>(0.99), out _, out _));
        }

        // A millionth away it decides, and as the exponentials do.
        Assert.True(table.TryFills(table.RowOf(Step), Band(table, Step), new Vector<double>(Q), new Vector<double>(Mid), new Vector<double>(p * (1 - 1e-6)), new Vector<double>(0.99), out Vector<long> bought, out _));
        Assert.Equal(-1, bought[0]);
        Assert.True(table.TryFills(table.RowOf(Step), Band(table, Step), new Vector<double>(Q), new Vector<double>(Mid), new Vector<double>(p * (1 + 1e-6)), new Vector<double>(0.99), out bought, out _));
        Assert.Equal(0, bought[0]);
    }

    [Theory]
    [InlineData(0.5, 100)] // not a whole inventory
    [InlineData(33, 100)] // beyond the ±32 kept
    [InlineData(-33, 100)]
    [InlineData(2, 1e7)] // a mid beyond the bound of the band
    public void LanesOffTheTableAreHandedBack(double q, double mid)
    {
        FillThresholdTable table = FillThresholdTable.TryCreate(in Constants, Coefficients(), double.PositiveInfinity, double.PositiveInfinity)!;
        Assert.False(table.TryFills(table.RowOf(0), Band(table, 0), new Vector<double>(q), new Vector<double>(mid), new Vector<double>(0.5), new Vector<double>(0.5), out _, out _));
    }

    [Fact]
    public void TheMidBoundFollowsFromTheBandAndKappa()
    {
        // (2²² − 32) / (12κ) = 232,999.1 at κ = 1.5, less the largest |skew·q| + half over the table:
        // at t = 0 skew = γσ²T = 0.4, half = 0.2 + ln(1 + γ/κ)/γ = 0.845…, |q| ≤ 32: 12.8 + 0.845.
        FillThresholdTable table = FillThresholdTable.TryCreate(in Constants, Coefficients(), double.PositiveInfinity, double.PositiveInfinity)!;
        double half = 0.2 + (Math.Log(1 + (0.1 / 1.5)) / 0.1);
        Assert.Equal(((4194304.0 - 32) / 18) - (12.8 + half), table.MidLimit, 6);
        Assert.Equal(32, table.Range);
    }

    [Fact]
    public void AnUnquotedSideNeverFillsAndIsDecided()
    {
        // Bounded at Q = 3 (GLFT closed form): at q = 3 no bid, at q = −3 no ask.
        var glft = new GlftApproximationStrategy(new GlftApproximationParameters(0.1, 2, 140, 1.5, MaxInventory: 3));
        LinearQuote[] steps = Enumerable.Repeat(glft.CoefficientsAt(1), Market.Steps).ToArray();
        FillThresholdTable table = FillThresholdTable.TryCreate(in Constants, steps, 3, double.PositiveInfinity)!;
        Assert.Equal(3, table.Range);

        Assert.True(table.TryFills(table.RowOf(0), Band(table, 0), new Vector<double>(3), new Vector<double>(100), Vector<double>.Zero, Vector<double>.Zero, out Vector<long> bought, out Vector<long> sold));
        Assert.Equal(0, bought[0]);
        Assert.Equal(-1, sold[0]);
        Assert.True(table.TryFills(table.RowOf(0), Band(table, 0), new Vector<double>(-3), new Vector<double>(100), Vector<double>.Zero, Vector<double>.Zero, out bought, out sold));
        Assert.Equal(-1, bought[0]);
        Assert.Equal(0, sold[0]);
    }

    [Fact]
    public void HawkesArrivalsHaveNoTable()
    {
        var hawkes = new ModelConstants(new ModelMarketParameters { Arrivals = ArrivalProcess.Hawkes });
        Assert.Null(FillThresholdTable.TryCreate(in hawkes, Coefficients(), double.PositiveInfinity, double.PositiveInfinity));
    }

    [Fact]
    public void TheVectorLookupReadsWhatOneLaneAtATimeReads()
    {
        // The vector loads (AVX2: four lanes; AVX-512: permutes of the step's chunks) against the plain loop.
        FillThresholdTable table = FillThresholdTable.TryCreate(in Constants, Coefficients(), double.PositiveInfinity, double.PositiveInfinity)!;
        var random = new Random(9);
        long[] index = new long[Width];
        for (int trial = 0; trial < 1000; trial++)
        {
            int row = table.RowOf(random.Next(Market.Steps));
            for (int lane = 0; lane < Width; lane++)
            {
                index[lane] = random.Next(table.Range + table.Top + 1);
            }

            Vector<double> bidLow = table.Edges(row, new Vector<long>(index));
            Vector<double> askLow = table.Edges(table.AskRow(row), new Vector<long>(index));
            Assert.Equal(table.EdgesEachLane(row, new Vector<long>(index)), bidLow);
            Assert.Equal(table.EdgesEachLane(table.AskRow(row), new Vector<long>(index)), askLow);

            // Every entry read is a probability's low edge, none of the padding (NaN) around a step's rows.
            Assert.True(Vector.GreaterThanAll(bidLow, Vector<double>.Zero) && Vector.GreaterThanAll(askLow, Vector<double>.Zero));
        }
    }

    [Fact]
    public void TheBandCoversTheRelativeBandOfEveryEntry()
    {
        // The step's width reaches from each entry's low edge p − (2⁻³⁰p + 2⁻⁴⁸) past its high edge p + (2⁻³⁰p + 2⁻⁴⁸)
        // (the AS quotes are symmetric, so the bids' widest band is the step's). Edges of 1 or more (λ·dt > 1 deep
        // inside the spread) are below every uniform and do not widen it.
        LinearQuote[] steps = Coefficients();
        FillThresholdTable table = FillThresholdTable.TryCreate(in Constants, steps, double.PositiveInfinity, double.PositiveInfinity)!;
        foreach (int step in new[] { 0, 99, 199 })
        {
            double largest = 0;
            for (int q = -table.Range; q <= table.Range; q++)
            {
                double bid = steps[step].Bid(100, q);
                double p = ModelStepKernel.PoissonFillProbability(in Constants, new Vector<double>(100 - bid))[0];
                double halfWidth = (p / (1L << 30)) + (1.0 / (1L << 48));
                Vector<double> bidLow = table.EdgesEachLane(table.RowOf(step), new Vector<long>(q + table.Range));
                Assert.Equal(p - halfWidth, bidLow[0], p * 1e-12); // p from the lane's mid − bid, the table's from skew·q + half
                if (bidLow[0] < 1)
                {
                    // The high edge clears the lane's own probability by the half-width, to within the lane's rounding.
                    Assert.True(bidLow[0] + table.BandOf(step) - p >= halfWidth * 0.999);
                    largest = Math.Max(largest, 2 * halfWidth);
                }
            }

            Assert.InRange(table.BandOf(step), largest, largest * 1.001);
        }
    }
}
