using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MarketMaking.Learning.Neural;

/// <summary>
/// The matrix products of the dense layers' batched passes. Hand-written because
/// System.Numerics.Tensors has vector primitives but no matrix product: calling
/// TensorPrimitives.Dot per (row, output) pays its call overhead 64 times per row for 64 floats
/// of work, while this keeps a strip of the output row in registers across the whole inner
/// dimension. Plain multiply then add (not fused), so the numbers are the same on every machine
/// whatever its vector width.
/// </summary>
internal static class MatrixKernels
{
    /// <summary>Floats per vector register: rows narrower than this run in 256-bit vectors (8 or more floats) or scalar.</summary>
    public static int VectorWidth => Vector<float>.Count;

    /// <summary>C (m×n) += A (m×k) · B (k×n), all row-major.</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        RequireProduct(a.Length, b.Length, c.Length, m, k, n);
        ref float cRef = ref MemoryMarshal.GetReference(c);
        MultiplyAdd(a, k, 1, b, c, m, k, n, new Start(ref cRef, (nuint)n, zero: false));
    }

    /// <summary>
    /// C (m×n) = A·B: the same bits as clearing C and calling MultiplyAdd (every sum starts from
    /// +0), without the pass that clears C nor the loads of its zeros.
    /// </summary>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        RequireProduct(a.Length, b.Length, c.Length, m, k, n);
        MultiplyAdd(a, k, 1, b, c, m, k, n, new Start(ref MemoryMarshal.GetReference(c), 0, zero: true));
    }

    /// <summary>
    /// C (m×n) = bias + A·B, the bias (n) starting every row: the same bits as copying the bias into
    /// each row of C and calling MultiplyAdd, without the copies (a dense layer's pre-activations).
    /// </summary>
    public static void MultiplyAddBias(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> bias, Span<float> c, int m, int k, int n)
    {
        RequireProduct(a.Length, b.Length, c.Length, m, k, n);
        if (bias.Length < n)
        {
            throw new ArgumentException($"a bias of {bias.Length} values for {n} columns");
        }

        MultiplyAdd(a, k, 1, b, c, m, k, n, new Start(ref MemoryMarshal.GetReference(bias), 0, zero: false));
    }

    /// <summary>
    /// C (m×n) += Aᵀ · B with A stored row-major as k×m: a weight gradient dZᵀ·X read straight from
    /// the batch's rows, without transposing them first. The same sums in the same order as
    /// transposing A and calling <see cref="MultiplyAdd(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int)"/>.
    /// </summary>
    public static void MultiplyAddTransposedLeft(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        RequireProduct(a.Length, b.Length, c.Length, m, k, n);
        ref float cRef = ref MemoryMarshal.GetReference(c);
        MultiplyAdd(a, 1, m, b, c, m, k, n, new Start(ref cRef, (nuint)n, zero: false));
    }

    /// <summary>C (m×n) = Aᵀ · B, A stored k×m: the same bits as clearing C and calling MultiplyAddTransposedLeft.</summary>
    public static void MultiplyTransposedLeft(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        RequireProduct(a.Length, b.Length, c.Length, m, k, n);
        MultiplyAdd(a, 1, m, b, c, m, k, n, new Start(ref MemoryMarshal.GetReference(c), 0, zero: true));
    }

    // A (m×k, whichever layout) has m·k values like its transpose, so one check serves both forms.
    private static void RequireProduct(int aLength, int bLength, int cLength, int m, int k, int n)
    {
        if (aLength < m * k || bLength < k * n || cLength < m * n)
        {
            throw new ArgumentException($"spans too short for ({m}×{k})·({k}×{n})");
        }
    }

    /// <summary>
    /// Where each output's sum starts: +0 (<paramref name="zero"/>), or the value at row·RowStep +
    /// column from <paramref name="origin"/>: C itself (RowStep n) or a bias row shared by all rows (RowStep 0).
    /// </summary>
    private readonly ref struct Start(ref float origin, nuint rowStep, bool zero)
    {
        public readonly ref float Origin = ref origin;
        public readonly nuint RowStep = rowStep;
        public readonly bool Zero = zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> VectorAt(int row, int column) =>
            Zero ? Vector<float>.Zero : System.Numerics.Vector.LoadUnsafe(ref Origin, ((nuint)row * RowStep) + (nuint)column);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<float> Vector256At(int row, int column) =>
            Zero ? Vector256<float>.Zero : Vector256.LoadUnsafe(ref Origin, ((nuint)row * RowStep) + (nuint)column);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float ScalarAt(int row, int column) => Zero ? 0f : Unsafe(ref Origin, ((nuint)row * RowStep) + (nuint)column);
    }

    /// <summary>
    /// C (m×n) = start + A·B where A's element (row, i) sits at row·rowStride + i·columnStride. Every
    /// element is its start plus a[row, i]·b[i, col] for i = 0, 1, … in turn, however the work is
    /// blocked: two rows share each load of B, up to four vectors of a row are summed side by side, and a
    /// row that is not a whole number of vectors ends with a vector overlapping the one before it
    /// (both computed before either is stored, so the shared columns get the same sums twice).
    /// </summary>
    private static void MultiplyAdd(ReadOnlySpan<float> a, int rowStride, int columnStride, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, Start start)
    {
        ref float aRef = ref MemoryMarshal.GetReference(a);
        ref float bRef = ref MemoryMarshal.GetReference(b);
        ref float cRef = ref MemoryMarshal.GetReference(c);
        int width = Vector<float>.Count;
        if (n < width)
        {
            if (n >= Vector256<float>.Count && Vector256.IsHardwareAccelerated)
            {
                HalfWidthColumns(ref aRef, rowStride, columnStride, ref bRef, ref cRef, m, k, n, start);
            }
            else
            {
                NarrowColumns(ref aRef, rowStride, columnStride, ref bRef, ref cRef, m, k, n, start);
            }

            return;
        }

        // Whole vectors in groups of four (a last group of one or two in a block of two); with a
        // remainder the last whole vector joins the overlapping one in a block of two.
        // A long inner dimension (a weight gradient summed over the batch) goes in spans whose rows of
        // B stay in the first-level cache while every row of C passes over them; C carries the sums
        // from one span to the next, so the order of the additions does not change.
        int whole = n / width, grouped = n % width == 0 ? whole : whole - 1;
        int span = Math.Max(1, CacheFloats / n);
        for (int first = 0; first < k; first += span)
        {
            int count = Math.Min(span, k - first);
            ref float aSpan = ref System.Runtime.CompilerServices.Unsafe.Add(ref aRef, (nuint)first * (nuint)columnStride);
            ref float bSpan = ref System.Runtime.CompilerServices.Unsafe.Add(ref bRef, (nuint)first * (nuint)n);
            Start from = first == 0 ? start : new Start(ref cRef, (nuint)n, zero: false);
            for (int row = 0; row < m; row += 2)
            {
                bool pair = row + 1 < m;
                for (int v = 0; v < grouped; v += 4)
                {
                    int last = grouped - 1;
                    if (grouped - v > 2)
                    {
                        Block(ref aSpan, rowStride, columnStride, ref bSpan, ref cRef, from, row, pair, count, n,
                            v * width, (v + 1) * width, (v + 2) * width, Math.Min(v + 3, last) * width);
                    }
                    else
                    {
                        Block(ref aSpan, rowStride, columnStride, ref bSpan, ref cRef, from, row, pair, count, n, v * width, Math.Min(v + 1, last) * width);
                    }
                }

                if (grouped < whole)
                {
                    Block(ref aSpan, rowStride, columnStride, ref bSpan, ref cRef, from, row, pair, count, n, grouped * width, n - width);
                }
            }
        }
    }

    // Floats of B per span of the inner dimension: 16 KB, a quarter of the first-level cache.
    private const int CacheFloats = 4096;

    /// <summary>
    /// Columns at the four offsets of row <paramref name="row"/> (and the next, when <paramref name="pair"/>):
    /// all started before the loop and stored after it, so repeated or overlapping offsets store equal sums.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block(
        ref float aRef, int rowStride, int columnStride, ref float bRef, ref float cRef, Start start, int row, bool pair, int k, int n, int o0, int o1, int o2, int o3)
    {
        nuint step = (nuint)columnStride, rowStep = (nuint)n;
        nuint c0At = (nuint)((row * n) + o0), c1At = (nuint)((row * n) + o1), c2At = (nuint)((row * n) + o2), c3At = (nuint)((row * n) + o3);
        Vector<float> c0 = start.VectorAt(row, o0), c1 = start.VectorAt(row, o1);
        Vector<float> c2 = start.VectorAt(row, o2), c3 = start.VectorAt(row, o3);
        nuint aAt = (nuint)(row * rowStride), bAt = 0;
        if (!pair)
        {
            for (int i = 0; i < k; i++, aAt += step, bAt += rowStep)
            {
                var ai = new Vector<float>(Unsafe(ref aRef, aAt));
                c0 += ai * Vector.LoadUnsafe(ref bRef, bAt + (nuint)o0);
                c1 += ai * Vector.LoadUnsafe(ref bRef, bAt + (nuint)o1);
                c2 += ai * Vector.LoadUnsafe(ref bRef, bAt + (nuint)o2);
                c3 += ai * Vector.LoadUnsafe(ref bRef, bAt + (nuint)o3);
            }
        }
        else
        {
            Vector<float> d0 = start.VectorAt(row + 1, o0), d1 = start.VectorAt(row + 1, o1);
            Vector<float> d2 = start.VectorAt(row + 1, o2), d3 = start.VectorAt(row + 1, o3);
            nuint nextRow = (nuint)rowStride;
            for (int i = 0; i < k; i++, aAt += step, bAt += rowStep)
            {
                var ai = new Vector<float>(Unsafe(ref aRef, aAt));
                var aj = new Vector<float>(Unsafe(ref aRef, aAt + nextRow));
                Vector<float> b0 = Vector.LoadUnsafe(ref bRef, bAt + (nuint)o0), b1 = Vector.LoadUnsafe(ref bRef, bAt + (nuint)o1);
                Vector<float> b2 = Vector.LoadUnsafe(ref bRef, bAt + (nuint)o2), b3 = Vector.LoadUnsafe(ref bRef, bAt + (nuint)o3);
                c0 += ai * b0;
                c1 += ai * b1;
                c2 += ai * b2;
                c3 += ai * b3;
                d0 += aj * b0;
                d1 += aj * b1;
                d2 += aj * b2;
                d3 += aj * b3;
            }

            d3.StoreUnsafe(ref cRef, c3At + rowStep);
            d2.StoreUnsafe(ref cRef, c2At + rowStep);
            d1.StoreUnsafe(ref cRef, c1At + rowStep);
            d0.StoreUnsafe(ref cRef, c0At + rowStep);
        }

        c3.StoreUnsafe(ref cRef, c3At);
        c2.StoreUnsafe(ref cRef, c2At);
        c1.StoreUnsafe(ref cRef, c1At);
        c0.StoreUnsafe(ref cRef, c0At);
    }

    /// <summary>
    /// The same for two offsets: a 12-wide head (a vector and one overlapping it) or a row's last one
    /// or two vectors, which a block of four would compute twice over.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block(
        ref float aRef, int rowStride, int columnStride, ref float bRef, ref float cRef, Start start, int row, bool pair, int k, int n, int o0, int o1)
    {
        nuint step = (nuint)columnStride, rowStep = (nuint)n;
        nuint c0At = (nuint)((row * n) + o0), c1At = (nuint)((row * n) + o1);
        Vector<float> c0 = start.VectorAt(row, o0), c1 = start.VectorAt(row, o1);
        nuint aAt = (nuint)(row * rowStride), bAt = 0;
        if (!pair)
        {
            for (int i = 0; i < k; i++, aAt += step, bAt += rowStep)
            {
                var ai = new Vector<float>(Unsafe(ref aRef, aAt));
                c0 += ai * Vector.LoadUnsafe(ref bRef, bAt + (nuint)o0);
                c1 += ai * Vector.LoadUnsafe(ref bRef, bAt + (nuint)o1);
            }
        }
        else
        {
            Vector<float> d0 = start.VectorAt(row + 1, o0), d1 = start.VectorAt(row + 1, o1);
            nuint nextRow = (nuint)rowStride;
            for (int i = 0; i < k; i++, aAt += step, bAt += rowStep)
            {
                var ai = new Vector<float>(Unsafe(ref aRef, aAt));
                var aj = new Vector<float>(Unsafe(ref aRef, aAt + nextRow));
                Vector<float> b0 = Vector.LoadUnsafe(ref bRef, bAt + (nuint)o0), b1 = Vector.LoadUnsafe(ref bRef, bAt + (nuint)o1);
                c0 += ai * b0;
                c1 += ai * b1;
                d0 += aj * b0;
                d1 += aj * b1;
            }

            d1.StoreUnsafe(ref cRef, c1At + rowStep);
            d0.StoreUnsafe(ref cRef, c0At + rowStep);
        }

        c1.StoreUnsafe(ref cRef, c1At);
        c0.StoreUnsafe(ref cRef, c0At);
    }

    /// <summary>
    /// Rows of 8 to 15 floats where a vector holds 16 (AVX-512): a 12-wide head's outputs, which would
    /// otherwise run scalar. A 256-bit vector and one overlapping it cover the row, two rows share each
    /// load of B, and a long inner dimension goes in cache-sized spans, as in the blocks above: every
    /// output is still its start plus a[row, i]·b[i, col] for i = 0, 1, … in turn, the same bits.
    /// </summary>
    private static void HalfWidthColumns(ref float aRef, int rowStride, int columnStride, ref float bRef, ref float cRef, int m, int k, int n, Start start)
    {
        nuint step = (nuint)columnStride, rowStep = (nuint)n, nextRow = (nuint)rowStride;
        nuint o1 = (nuint)(n - Vector256<float>.Count);
        int span = Math.Max(1, CacheFloats / n);
        for (int first = 0; first < k; first += span)
        {
            int count = Math.Min(span, k - first);
            ref float aSpan = ref System.Runtime.CompilerServices.Unsafe.Add(ref aRef, (nuint)first * step);
            ref float bSpan = ref System.Runtime.CompilerServices.Unsafe.Add(ref bRef, (nuint)first * rowStep);
            Start from = first == 0 ? start : new Start(ref cRef, rowStep, zero: false);
            for (int row = 0; row < m; row += 2)
            {
                nuint cAt = (nuint)(row * n), aAt = (nuint)(row * rowStride), bAt = 0;
                Vector256<float> c0 = from.Vector256At(row, 0), c1 = from.Vector256At(row, (int)o1);
                if (row + 1 < m)
                {
                    Vector256<float> d0 = from.Vector256At(row + 1, 0), d1 = from.Vector256At(row + 1, (int)o1);
                    for (int i = 0; i < count; i++, aAt += step, bAt += rowStep)
                    {
                        var ai = Vector256.Create(Unsafe(ref aSpan, aAt));
                        var aj = Vector256.Create(Unsafe(ref aSpan, aAt + nextRow));
                        Vector256<float> b0 = Vector256.LoadUnsafe(ref bSpan, bAt), b1 = Vector256.LoadUnsafe(ref bSpan, bAt + o1);
                        c0 += ai * b0;
                        c1 += ai * b1;
                        d0 += aj * b0;
                        d1 += aj * b1;
                    }

                    d1.StoreUnsafe(ref cRef, cAt + rowStep + o1);
                    d0.StoreUnsafe(ref cRef, cAt + rowStep);
                }
                else
                {
                    for (int i = 0; i < count; i++, aAt += step, bAt += rowStep)
                    {
                        var ai = Vector256.Create(Unsafe(ref aSpan, aAt));
                        c0 += ai * Vector256.LoadUnsafe(ref bSpan, bAt);
                        c1 += ai * Vector256.LoadUnsafe(ref bSpan, bAt + o1);
                    }
                }

                c1.StoreUnsafe(ref cRef, cAt + o1);
                c0.StoreUnsafe(ref cRef, cAt);
            }
        }
    }

    /// <summary>Rows narrower than a vector (a one-output head): four rows' sums side by side, so they do not wait on each other.</summary>
    private static void NarrowColumns(ref float aRef, int rowStride, int columnStride, ref float bRef, ref float cRef, int m, int k, int n, Start start)
    {
        nuint step = (nuint)columnStride, rowStep = (nuint)n, aRowStep = (nuint)rowStride;
        for (int col = 0; col < n; col++)
        {
            int row = 0;
            for (; row + 4 <= m; row += 4)
            {
                nuint cAt = (nuint)((row * n) + col);
                float s0 = start.ScalarAt(row, col), s1 = start.ScalarAt(row + 1, col);
                float s2 = start.ScalarAt(row + 2, col), s3 = start.ScalarAt(row + 3, col);
                nuint aAt = (nuint)(row * rowStride), bAt = (nuint)col;
                for (int i = 0; i < k; i++, aAt += step, bAt += rowStep)
                {
                    float bi = Unsafe(ref bRef, bAt);
                    s0 += Unsafe(ref aRef, aAt) * bi;
                    s1 += Unsafe(ref aRef, aAt + aRowStep) * bi;
                    s2 += Unsafe(ref aRef, aAt + (2 * aRowStep)) * bi;
                    s3 += Unsafe(ref aRef, aAt + (3 * aRowStep)) * bi;
                }

                (Unsafe(ref cRef, cAt), Unsafe(ref cRef, cAt + rowStep)) = (s0, s1);
                (Unsafe(ref cRef, cAt + (2 * rowStep)), Unsafe(ref cRef, cAt + (3 * rowStep))) = (s2, s3);
            }

            for (; row < m; row++)
            {
                nuint cAt = (nuint)((row * n) + col);
                float sum = start.ScalarAt(row, col);
                nuint aAt = (nuint)(row * rowStride), bAt = (nuint)col;
                for (int i = 0; i < k; i++, aAt += step, bAt += rowStep)
                {
                    sum += Unsafe(ref aRef, aAt) * Unsafe(ref bRef, bAt);
                }

                Unsafe(ref cRef, cAt) = sum;
            }
        }
    }

    /// <summary>target (n) += the sum of the m rows of <paramref name="rows"/> (m×n), added row by row in order.</summary>
    public static void AddRows(ReadOnlySpan<float> rows, Span<float> target, int m, int n)
    {
        if (rows.Length < m * n || target.Length < n)
        {
            throw new ArgumentException($"spans too short for summing {m} rows of {n}");
        }

        ref float rowRef = ref MemoryMarshal.GetReference(rows);
        ref float targetRef = ref MemoryMarshal.GetReference(target);
        int width = Vector<float>.Count, col = 0;
        for (; col + width <= n; col += width)
        {
            Vector<float> sum = Vector.LoadUnsafe(ref targetRef, (nuint)col);
            for (int r = 0; r < m; r++)
            {
                sum += Vector.LoadUnsafe(ref rowRef, (nuint)((r * n) + col));
            }

            sum.StoreUnsafe(ref targetRef, (nuint)col);
        }

        for (; col < n; col++)
        {
            float sum = Unsafe(ref targetRef, (nuint)col);
            for (int r = 0; r < m; r++)
            {
                sum += Unsafe(ref rowRef, (nuint)((r * n) + col));
            }

            Unsafe(ref targetRef, (nuint)col) = sum;
        }
    }

    /// <summary>Writes the transpose of <paramref name="source"/> (rows×columns) into <paramref name="target"/> (columns×rows).</summary>
    public static void Transpose(ReadOnlySpan<float> source, Span<float> target, int rows, int columns)
    {
        if (source.Length < rows * columns || target.Length < rows * columns)
        {
            throw new ArgumentException($"spans too short for a {rows}×{columns} transpose");
        }

        // In tiles, so both the rows read and the rows written stay in cache while a tile is moved.
        ref float from = ref MemoryMarshal.GetReference(source);
        ref float to = ref MemoryMarshal.GetReference(target);
        for (int r0 = 0; r0 < rows; r0 += TransposeTile)
        {
            int r1 = Math.Min(rows, r0 + TransposeTile);
            for (int c0 = 0; c0 < columns; c0 += TransposeTile)
            {
                int c1 = Math.Min(columns, c0 + TransposeTile);
                for (int r = r0; r < r1; r++)
                {
                    nuint row = (nuint)(r * columns);
                    for (int c = c0; c < c1; c++)
                    {
                        Unsafe(ref to, (nuint)((c * rows) + r)) = Unsafe(ref from, row + (nuint)c);
                    }
                }
            }
        }
    }

    private const int TransposeTile = 16;

    /// <summary>target (columns×rows) += the transpose of source (rows×columns).</summary>
    public static void AddTransposed(ReadOnlySpan<float> source, Span<float> target, int rows, int columns)
    {
        if (source.Length < rows * columns || target.Length < rows * columns)
        {
            throw new ArgumentException($"spans too short for a {rows}×{columns} transpose");
        }

        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = source.Slice(r * columns, columns);
            for (int c = 0; c < columns; c++)
            {
                target[(c * rows) + r] += row[c];
            }
        }
    }

    private static ref float Unsafe(ref float start, nuint offset) => ref System.Runtime.CompilerServices.Unsafe.Add(ref start, offset);
}
