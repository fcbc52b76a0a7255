using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MarketMaking.Simulation.Model;
using MarketMaking.Strategies.Vectorization;

namespace MarketMaking.Simulation.MonteCarlo;

/// <summary>
/// The fill decisions of quotes linear in inventory, read from a table instead of two exponentials
/// per trajectory and step. A lane's depths depend only on the step and its inventory q
/// (mid − bid = skew·q + half in exact arithmetic), so the fill probability of every step and whole
/// q in −Q … Q is computed once for all trajectories. Each entry is the low edge of a band around that
/// probability, and each step has one band width, wider than everything by which the probability a
/// lane computes from its own prices can differ (mid − bid rounds to a few units in the last place of
/// the mid): a uniform below the band fills, one above it does not, exactly as the comparison with the
/// exponential would decide. A uniform inside the band (about one in 10⁹), an inventory off the table
/// or a mid too large for the bound sends the caller back to the exponentials, so the numbers stay the
/// same bit for bit.
/// </summary>
internal sealed class FillThresholdTable
{
    // Half-width of the band relative to the probability, and an absolute floor for the exact rule's 1 − e^(−x).
    private const double RelativeBand = 1.0 / (1L << 30);
    private const double AbsoluteBand = 1.0 / (1L << 48);

    // Largest inventory kept in the table; lanes beyond it take the exponentials.
    private const int MaxRange = 32;

    // A step's entries are the bid edges of every q, then the ask edges, each side padded to a whole
    // number of 16-entry chunks: one AVX-512 two-register permute picks any of 16 entries per lane.
    private const int Chunk = 16;
    private const int MaxPermutedRows = 4 * Chunk;

    private readonly double[] _lows;
    private readonly double[] _bands;
    private readonly int _range;
    private readonly int _top;
    private readonly int _stride;
    private readonly int _chunks;
    private readonly double _midLimit;

    // The constants of TryFills as vectors, so the step does not convert and broadcast them.
    private readonly Vector<double> _lowest;
    private readonly Vector<double> _highest;
    private readonly Vector<double> _indexBias;
    private readonly Vector<double> _midBound;

    private FillThresholdTable(double[] lows, double[] bands, int range, int stride, double midLimit)
    {
        _lows = lows;
        _bands = bands;
        _range = range;
        _stride = stride;
        _chunks = Math.Min(stride, MaxPermutedRows) / Chunk;
        _midLimit = midLimit;

        // With permutes a lane reads one of the first 64 entries: at Q = 32 the 65th (q = 32) is handed back.
        _top = Permutes ? Math.Min(range, MaxPermutedRows - 1 - range) : range;
        _lowest = new Vector<double>(-range);
        _highest = new Vector<double>(_top);
        _indexBias = new Vector<double>(Magic + range);
        _midBound = new Vector<double>(midLimit);
    }

    /// <summary>Inventories −Range … Range (in order-size multiples) are in the table; −Range … <see cref="Top"/> are read from it.</summary>
    public int Range => _range;

    /// <summary>The largest inventory on the table: Range, or 31 where eight lanes permute a table of ±32.</summary>
    public int Top => _top;

    /// <summary>The largest |mid| for which the band is proven wide enough.</summary>
    public double MidLimit => _midLimit;

    /// <summary>Eight lanes read their entries with in-register permutes (AVX-512) instead of a load each.</summary>
    private static bool Permutes => Vector<double>.Count == Vector512<double>.Count && Avx512F.IsSupported;

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

        // Permutes read one, two or four whole chunks: a side holds 16, 32 or at least 64 entries.
        int stride = rows <= Chunk ? Chunk : rows <= 2 * Chunk ? 2 * Chunk : Math.Max(MaxPermutedRows, (rows + Chunk - 1) / Chunk * Chunk);
        var lows = new double[steps.Length * 2 * stride];
        lows.AsSpan().Fill(double.NaN);
        var bands = new double[steps.Length];
        for (int step = 0; step < steps.Length; step++)
        {
            double band = 0;
            for (int row = 0; row < rows; row++)
            {
                // As LinearInventoryPolicy: no bid at q ≥ Q, no ask at q ≤ −Q; NaN edges never fill and are never uncertain.
                double q = row - range;
                double bidProbability = q >= maxInventory ? double.NaN : bid[(step * rows) + row];
                double askProbability = q <= -maxInventory ? double.NaN : ask[(step * rows) + row];
                lows[(step * 2 * stride) + row] = Low(bidProbability);
                lows[(step * 2 * stride) + stride + row] = Low(askProbability);
                band = Math.Max(band, Math.Max(Width(bidProbability), Width(askProbability)));
            }

            // low + width rounds (as low did) by at most 2⁻⁵³ of the larger of p and 1, far below the
            // margin: the sum stays at or above the band's high edge p + (rel·p + abs) of every row.
            bands[step] = band + Math.ScaleB(band, -20) + Math.ScaleB(1, -50);
        }

        // A lane's depth differs from the table's by at most 8·u·M (M = |mid| + |skew·q| + |half|,
        // u = 2⁻⁵³: four roundings in the lane, two in the table); the exponential turns that into a
        // relative error κ·8uM, its argument's rounding adds κ·δ·u ≤ κuM, and the exponentials and
        // products a few u more. Requiring u·(12κM + 32) ≤ band/2 bounds the mid.
        double unit = Math.ScaleB(1, -53);
        double midLimit = (((RelativeBand / 2 / unit) - 32) / (12 * Math.Abs(c.NegativeKappa))) - largestDepth;
        return midLimit > 0 ? new FillThresholdTable(lows, bands, range, stride, midLimit) : null;
    }

    /// <summary>The index of a step's first entry.</summary>
    public int RowOf(int step) => step * 2 * _stride;

    /// <summary>The width of a step's band: a uniform in [low, low + width) is too close to tell.</summary>
    public double BandOf(int step) => _bands[step];

    /// <summary>
    /// Fills of this step's fresh quotes at inventory <paramref name="q"/> (order-size multiples),
    /// mid <paramref name="mid"/>; false when a lane needs the exponentials (the outs are then unset).
    /// Sides not quoted never fill; sides quoted but not live (no quantity) must be masked by the caller.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryFills(int row, Vector<double> band, Vector<double> q, Vector<double> mid, Vector<double> bidUniform, Vector<double> askUniform, out Vector<long> bought, out Vector<long> sold)
    {
        // Whole q within range, to an entry index: adding 2⁵² + Q puts q + Q in the low mantissa bits.
        Vector<double> whole = Vector.Round(Vector.MinNative(Vector.MaxNative(q, _lowest), _highest));
        Vector<long> onTable = Vector.BitwiseAnd(Vector.Equals(whole, q), Vector.LessThanOrEqual(Vector.Abs(mid), _midBound));
        Vector<long> offset = Vector.AsVectorInt64(whole + _indexBias) - new Vector<long>(BitConverter.DoubleToInt64Bits(Magic));
        Vector<long> index = Vector.BitwiseAnd(offset, onTable);

        Vector<double> bidLow = Edges(row, index);
        Vector<double> askLow = Edges(AskRow(row), index);
        bought = Vector.LessThan(bidUniform, bidLow);
        sold = Vector.LessThan(askUniform, askLow);
        Vector<long> uncertain = Vector.AndNot(Vector.LessThan(bidUniform, bidLow + band), bought) | Vector.AndNot(Vector.LessThan(askUniform, askLow + band), sold);
        return Vector.EqualsAll(Vector.AndNot(onTable, uncertain), Vector<long>.AllBitsSet);
    }

    private const double Magic = 4503599627370496.0; // 2⁵²

    /// <summary>The index of the asks' first entry in the step whose bids start at <paramref name="row"/>.</summary>
    public int AskRow(int row) => row + _stride;

    /// <summary>Each lane's low edge: entry <paramref name="index"/> (q + Q) of the side starting at <paramref name="at"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Vector<double> Edges(int at, Vector<long> index)
    {
        ref double side = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_lows), at);
        if (Permutes)
        {
            return Permute(ref side, index.AsVector512(), _chunks).AsVector();
        }

        if (Vector<double>.Count == Vector256<double>.Count)
        {
            return Vector256.Create(Unsafe.Add(ref side, (nint)index[0]), Unsafe.Add(ref side, (nint)index[1]), Unsafe.Add(ref side, (nint)index[2]), Unsafe.Add(ref side, (nint)index[3])).AsVector();
        }

        return EdgesEachLane(at, index);
    }

    /// <summary><see cref="Edges"/> one lane at a time: any vector width, any processor.</summary>
    internal Vector<double> EdgesEachLane(int at, Vector<long> index)
    {
        Span<double> edges = stackalloc double[Vector<double>.Count];
        for (int lane = 0; lane < edges.Length; lane++)
        {
            edges[lane] = _lows[at + (int)index[lane]];
        }

        return new Vector<double>(edges);
    }

    /// <summary>
    /// Entry <paramref name="index"/> (below 16·<paramref name="chunks"/>; 1, 2 or 4 chunks) of each lane,
    /// from in-register permutes of the side's chunks: bits 0–3 pick within a pair of 8-entry registers,
    /// bits 4 and 5 pick the pair.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Permute(ref double side, Vector512<long> index, int chunks)
    {
        Vector512<double> value = Avx512F.PermuteVar8x64x2(Vector512.LoadUnsafe(ref side), index, Vector512.LoadUnsafe(ref side, 8));
        if (chunks == 1)
        {
            return value;
        }

        Vector512<double> second = Avx512F.PermuteVar8x64x2(Vector512.LoadUnsafe(ref side, 16), index, Vector512.LoadUnsafe(ref side, 24));
        value = Vector512.ConditionalSelect(Bit(index, 16), second, value);
        if (chunks == 2)
        {
            return value;
        }

        Vector512<double> third = Avx512F.PermuteVar8x64x2(Vector512.LoadUnsafe(ref side, 32), index, Vector512.LoadUnsafe(ref side, 40));
        Vector512<double> fourth = Avx512F.PermuteVar8x64x2(Vector512.LoadUnsafe(ref side, 48), index, Vector512.LoadUnsafe(ref side, 56));
        return Vector512.ConditionalSelect(Bit(index, 32), Vector512.ConditionalSelect(Bit(index, 16), fourth, third), value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Bit(Vector512<long> index, long bit) => Vector512.Equals(index & Vector512.Create(bit), Vector512.Create(bit)).AsDouble();

    private static double Low(double p) => p - ((RelativeBand * p) + AbsoluteBand);

    // The band's full width around p (its low to its high edge). None counts for NaN (an unquoted side)
    // nor where the low edge is 1 or more (the linear rule's λ·dt beyond 1, deep inside the spread): every
    // uniform is below it, so the width is never used, and it would widen the step's band for all rows.
    private static double Width(double p) => double.IsNaN(p) || Low(p) >= 1 ? 0 : 2 * ((RelativeBand * p) + AbsoluteBand);
}
