using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MarketMaking.Core.Collections;
using MarketMaking.Simulation.Model;
using MarketMaking.Strategies.Vectorization;

namespace MarketMaking.Simulation.MonteCarlo;

/// <summary>
/// The fill decisions of quotes linear in inventory, read from a table instead of two exponentials
/// per trajectory and step. A lane's depths depend only on the step and its inventory q
/// (mid − bid = skew·q + half in exact arithmetic), so the fill probability of every step and whole
/// q in −Q … Q is computed once for all trajectories. Each entry is a band around that probability,
/// wider than everything by which the probability a lane computes from its own prices can differ
/// (mid − bid rounds to a few units in the last place of the mid): a uniform below the band fills, one
/// above it does not, exactly as the comparison with the exponential would decide. A uniform inside
/// the band (about one in 10⁹), an inventory off the table or a mid too large for the bound sends the
/// caller back to the exponentials, so the numbers stay the same bit for bit.
/// </summary>
internal sealed class FillThresholdTable
{
    // Half-width of the band relative to the probability, and an absolute floor for the exact rule's 1 − e^(−x).
    private const double RelativeBand = 1.0 / (1L << 30);
    private const double AbsoluteBand = 1.0 / (1L << 48);

    // Largest inventory kept in the table; lanes beyond it take the exponentials.
    private const int MaxRange = 32;

    // Per step, per q: bid low, bid high, ask low, ask high (4 = 1 << EntryShift words).
    private const int EntryWords = 4;
    private const int EntryShift = 2;

    private readonly double[] _entries;
    private readonly int _range;
    private readonly double _midLimit;

    private FillThresholdTable(double[] entries, int range, double midLimit)
    {
        _entries = entries;
        _range = range;
        _midLimit = midLimit;
    }

    /// <summary>Inventories −Range … Range (in order-size multiples) are on the table.</summary>
    public int Range => _range;

    /// <summary>The largest |mid| for which the band is proven wide enough.</summary>
    public double MidLimit => _midLimit;

    /// <summary>
    /// The table for a strategy's per-step coefficients, or null where it does not apply (Hawkes
    /// arrivals draw a count first). <paramref name="inventoryBound"/> bounds |q| where the run keeps it
    /// (a model or position limit); the table covers at most ±32.
    /// </summary>
    public static FillThresholdTable? TryCreate(in ModelConstants c, ReadOnlySpan<LinearQuote> steps, double maxInventory, double inventoryBound)
    {
        if (c.Hawkes || steps.IsEmpty)
        {
            return null;
        }

        int range = (int)Math.Clamp(Math.Ceiling(Math.Min(inventoryBound, maxInventory)), 1, MaxRange);
        int rows = (2 * range) + 1;
        int count = steps.Length * rows;
        int width = Vector<double>.Count;
        int padded = (count + width - 1) / width * width;
        var bid = new double[padded];
        var ask = new double[padded];
        double largestDepth = 0;
        for (int step = 0; step < steps.Length; step++)
        {
            LinearQuote quote = steps[step];
            for (int row = 0; row < rows; row++)
            {
                double shift = quote.Skew * (row - range);
                bid[(step * rows) + row] = shift + quote.BidHalfSpread;
                ask[(step * rows) + row] = quote.AskHalfSpread - shift;
                largestDepth = Math.Max(largestDepth, Math.Abs(shift) + Math.Max(Math.Abs(quote.BidHalfSpread), Math.Abs(quote.AskHalfSpread)));
            }
        }

        // Depths to probabilities a vector at a time: the table costs a run about what 2Q + 1 trajectories do.
        for (int at = 0; at < padded; at += width)
        {
            ModelStepKernel.PoissonFillProbability(in c, new Vector<double>(bid, at)).CopyTo(bid, at);
            ModelStepKernel.PoissonFillProbability(in c, new Vector<double>(ask, at)).CopyTo(ask, at);
        }

        var entries = new double[count * EntryWords];
        for (int i = 0; i < count; i++)
        {
            // As LinearInventoryPolicy: no bid at q ≥ Q, no ask at q ≤ −Q; NaN bands never fill and are never uncertain.
            double q = (i % rows) - range;
            double bidProbability = q >= maxInventory ? double.NaN : bid[i];
            double askProbability = q <= -maxInventory ? double.NaN : ask[i];
            entries[i * EntryWords] = Low(bidProbability);
            entries[(i * EntryWords) + 1] = High(bidProbability);
            entries[(i * EntryWords) + 2] = Low(askProbability);
            entries[(i * EntryWords) + 3] = High(askProbability);
        }

        // A lane's depth differs from the table's by at most 8·u·M (M = |mid| + |skew·q| + |half|,
        // u = 2⁻⁵³: four roundings in the lane, two in the table); the exponential turns that into a
        // relative error κ·8uM, its argument's rounding adds κ·δ·u ≤ κuM, and the exponentials and
        // products a few u more. Requiring u·(12κM + 32) ≤ band/2 bounds the mid.
        double unit = Math.ScaleB(1, -53);
        double midLimit = (((RelativeBand / 2 / unit) - 32) / (12 * Math.Abs(c.NegativeKappa))) - largestDepth;
        return midLimit > 0 ? new FillThresholdTable(entries, range, midLimit) : null;
    }

    /// <summary>The index of a step's first entry.</summary>
    public int RowOf(int step) => step * ((2 * _range) + 1) * EntryWords;

    /// <summary>
    /// Fills of this step's fresh quotes at inventory <paramref name="q"/> (order-size multiples),
    /// mid <paramref name="mid"/>; false when a lane needs the exponentials (the outs are then unset).
    /// Sides not quoted never fill; sides quoted but not live (no quantity) must be masked by the caller.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryFills(int row, Vector<double> q, Vector<double> mid, Vector<double> bidUniform, Vector<double> askUniform, out Vector<long> bought, out Vector<long> sold)
    {
        // Whole q within range, to an entry index: adding 2⁵² + Q puts q + Q in the low mantissa bits.
        Vector<double> range = new(_range);
        Vector<double> whole = Vector.Round(Vector.MinNative(Vector.MaxNative(q, -range), range));
        Vector<long> onTable = Vector.BitwiseAnd(Vector.Equals(whole, q), Vector.LessThanOrEqual(Vector.Abs(mid), new Vector<double>(_midLimit)));
        Vector<long> offset = Vector.AsVectorInt64(whole + new Vector<double>(Magic + _range)) - new Vector<long>(BitConverter.DoubleToInt64Bits(Magic));
        Vector<long> index = Vector.ConditionalSelect(onTable, Vector.ShiftLeft(offset, EntryShift) + new Vector<long>(row), new Vector<long>(row));

        Look(index, out Vector<double> bidLow, out Vector<double> bidHigh, out Vector<double> askLow, out Vector<double> askHigh);
        bought = Vector.LessThan(bidUniform, bidLow);
        sold = Vector.LessThan(askUniform, askLow);
        Vector<long> uncertain = Vector.AndNot(Vector.LessThan(bidUniform, bidHigh), bought) | Vector.AndNot(Vector.LessThan(askUniform, askHigh), sold);
        return Vector.EqualsAll(Vector.AndNot(onTable, uncertain), Vector<long>.AllBitsSet);
    }

    private const double Magic = 4503599627370496.0; // 2⁵²

    /// <summary>The four fields of each lane's entry, one vector per field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Look(Vector<long> index, out Vector<double> bidLow, out Vector<double> bidHigh, out Vector<double> askLow, out Vector<double> askHigh)
    {
        ref ulong words = ref Unsafe.As<double, ulong>(ref MemoryMarshal.GetArrayDataReference(_entries));
        if (Vector<double>.Count == Vector256<double>.Count && Avx2.IsSupported)
        {
            LookFour(ref words, index[0], index[1], index[2], index[3], out Vector256<ulong> a0, out Vector256<ulong> a1, out Vector256<ulong> a2, out Vector256<ulong> a3);
            bidLow = a0.AsDouble().AsVector();
            bidHigh = a1.AsDouble().AsVector();
            askLow = a2.AsDouble().AsVector();
            askHigh = a3.AsDouble().AsVector();
            return;
        }

        if (Vector<double>.Count == Vector512<double>.Count && Avx2.IsSupported)
        {
            // Lanes 0–3 and 4–7 as two four-lane lookups, the lower and upper halves of each vector.
            LookFour(ref words, index[0], index[1], index[2], index[3], out Vector256<ulong> a0, out Vector256<ulong> a1, out Vector256<ulong> a2, out Vector256<ulong> a3);
            LookFour(ref words, index[4], index[5], index[6], index[7], out Vector256<ulong> b0, out Vector256<ulong> b1, out Vector256<ulong> b2, out Vector256<ulong> b3);
            bidLow = Vector512.Create(a0, b0).AsDouble().AsVector();
            bidHigh = Vector512.Create(a1, b1).AsDouble().AsVector();
            askLow = Vector512.Create(a2, b2).AsDouble().AsVector();
            askHigh = Vector512.Create(a3, b3).AsDouble().AsVector();
            return;
        }

        LookEachLane(index, out bidLow, out bidHigh, out askLow, out askHigh);
    }

    /// <summary><see cref="Look"/> one lane at a time: any vector width, any processor.</summary>
    internal void LookEachLane(Vector<long> index, out Vector<double> bidLow, out Vector<double> bidHigh, out Vector<double> askLow, out Vector<double> askHigh)
    {
        int width = Vector<double>.Count;
        Span<double> fields = stackalloc double[EntryWords * width];
        for (int lane = 0; lane < width; lane++)
        {
            int at = (int)index[lane];
            fields[lane] = _entries[at];
            fields[width + lane] = _entries[at + 1];
            fields[(2 * width) + lane] = _entries[at + 2];
            fields[(3 * width) + lane] = _entries[at + 3];
        }

        bidLow = new Vector<double>(fields);
        bidHigh = new Vector<double>(fields[width..]);
        askLow = new Vector<double>(fields[(2 * width)..]);
        askHigh = new Vector<double>(fields[(3 * width)..]);
    }

    /// <summary>One 32-byte load per lane, transposed into one vector per field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LookFour(ref ulong words, long i0, long i1, long i2, long i3, out Vector256<ulong> field0, out Vector256<ulong> field1, out Vector256<ulong> field2, out Vector256<ulong> field3) =>
        WordTranspose.Of(
            Vector256.LoadUnsafe(ref words, (nuint)i0), Vector256.LoadUnsafe(ref words, (nuint)i1),
            Vector256.LoadUnsafe(ref words, (nuint)i2), Vector256.LoadUnsafe(ref words, (nuint)i3),
            out field0, out field1, out field2, out field3);

    private static double Low(double p) => p - ((RelativeBand * p) + AbsoluteBand);

    private static double High(double p) => p + ((RelativeBand * p) + AbsoluteBand);
}
