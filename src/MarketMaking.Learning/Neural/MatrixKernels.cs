using System.Numerics;
using System.Runtime.InteropServices;

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
    /// <summary>Floats per vector register: rows narrower than this run scalar.</summary>
    public static int VectorWidth => Vector<float>.Count;

    /// <summary>C (m×n) += A (m×k) · B (k×n), all row-major.</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        if (a.Length < m * k || b.Length < k * n || c.Length < m * n)
        {
            throw new ArgumentException($"spans too short for ({m}×{k})·({k}×{n})");
        }

        MultiplyAdd(a, k, 1, b, c, m, k, n);
    }

    /// <summary>
    /// C (m×n) += Aᵀ · B with A stored row-major as k×m: a weight gradient dZᵀ·X read straight from
    /// the batch's rows, without transposing them first. The same sums in the same order as
    /// transposing A and calling <see cref="MultiplyAdd(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int)"/>.
    /// </summary>
    public static void MultiplyAddTransposedLeft(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        if (a.Length < k * m || b.Length < k * n || c.Length < m * n)
        {
            throw new ArgumentException($"spans too short for ({k}×{m})ᵀ·({k}×{n})");
        }

        MultiplyAdd(a, 1, m, b, c, m, k, n);
    }

    /// <summary>C (m×n) += A·B where A's element (row, i) sits at row·rowStride + i·columnStride.</summary>
    private static void MultiplyAdd(ReadOnlySpan<float> a, int rowStride, int columnStride, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        ref float aRef = ref MemoryMarshal.GetReference(a);
        ref float bRef = ref MemoryMarshal.GetReference(b);
        ref float cRef = ref MemoryMarshal.GetReference(c);
        int width = Vector<float>.Count;
        int strip = 4 * width;
        nuint step = (nuint)columnStride;
        for (int row = 0; row < m; row++)
        {
            nuint aRow = (nuint)(row * rowStride), cRow = (nuint)(row * n);
            int col = 0;
            for (; col + strip <= n; col += strip)
            {
                nuint at = cRow + (nuint)col;
                Vector<float> c0 = Vector.LoadUnsafe(ref cRef, at);
                Vector<float> c1 = Vector.LoadUnsafe(ref cRef, at + (nuint)width);
                Vector<float> c2 = Vector.LoadUnsafe(ref cRef, at + (nuint)(2 * width));
                Vector<float> c3 = Vector.LoadUnsafe(ref cRef, at + (nuint)(3 * width));
                nuint aAt = aRow, bAt = (nuint)col;
                for (int i = 0; i < k; i++, aAt += step, bAt += (nuint)n)
                {
                    var ai = new Vector<float>(Unsafe(ref aRef, aAt));
                    c0 += ai * Vector.LoadUnsafe(ref bRef, bAt);
                    c1 += ai * Vector.LoadUnsafe(ref bRef, bAt + (nuint)width);
                    c2 += ai * Vector.LoadUnsafe(ref bRef, bAt + (nuint)(2 * width));
                    c3 += ai * Vector.LoadUnsafe(ref bRef, bAt + (nuint)(3 * width));
                }

                c0.StoreUnsafe(ref cRef, at);
                c1.StoreUnsafe(ref cRef, at + (nuint)width);
                c2.StoreUnsafe(ref cRef, at + (nuint)(2 * width));
                c3.StoreUnsafe(ref cRef, at + (nuint)(3 * width));
            }

            for (; col + width <= n; col += width)
            {
                nuint at = cRow + (nuint)col;
                Vector<float> c0 = Vector.LoadUnsafe(ref cRef, at);
                nuint aAt = aRow, bAt = (nuint)col;
                for (int i = 0; i < k; i++, aAt += step, bAt += (nuint)n)
                {
                    c0 += new Vector<float>(Unsafe(ref aRef, aAt)) * Vector.LoadUnsafe(ref bRef, bAt);
                }

                c0.StoreUnsafe(ref cRef, at);
            }

            for (; col < n; col++)
            {
                float sum = Unsafe(ref cRef, cRow + (nuint)col);
                nuint aAt = aRow, bAt = (nuint)col;
                for (int i = 0; i < k; i++, aAt += step, bAt += (nuint)n)
                {
                    sum += Unsafe(ref aRef, aAt) * Unsafe(ref bRef, bAt);
                }

                Unsafe(ref cRef, cRow + (nuint)col) = sum;
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
