using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Tests.Neural;

public class MatrixKernelsTests
{
    /// <summary>
    /// At 512 bits a vector holds 16 floats, so rows of 8 to 15 (the 12-wide heads) take the 256-bit
    /// path that only such a process runs; the test process keeps the default width, so a child
    /// process at 512 bits checks every form and shape against the scalar sums, bit for bit.
    /// </summary>
    [Vector512Fact]
    public void AtFiveHundredTwelveBitsEveryProductIsTheScalarSumBitForBit()
    {
        string report = WidthProbeProcess.Run(typeof(MatrixKernelsProbe).Assembly, MatrixKernelsProbe.Command, 512);

        Assert.StartsWith("lanes 16\n", report, StringComparison.Ordinal);
        Assert.Contains("compared 2668, mismatches 0", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 4, 2)] // narrower than a vector: the scalar tail only
    [InlineData(5, 7, 64)] // whole strips of four vectors
    [InlineData(4, 64, 24)] // a strip, no strip, a vector and a tail, depending on the vector width
    [InlineData(2, 3, 45)] // strips, single vectors and a scalar tail together
    [InlineData(7, 5, 12)] // a head of 12: a vector and one overlapping it, rows in pairs and one alone
    [InlineData(6, 5, 20)] // two vectors and an overlapping one
    [InlineData(9, 6, 1)] // one column: rows four at a time and one alone
    [InlineData(3, 300, 40)] // an inner dimension longer than one cache-sized span
    public void MultiplyAddAddsTheProductToWhatIsThere(int m, int k, int n)
    {
        float[] a = FiniteDifferences.RandomValues(m * k, seed: 1);
        float[] b = FiniteDifferences.RandomValues(k * n, seed: 2);
        float[] c = FiniteDifferences.RandomValues(m * n, seed: 3);
        float[] expected = (float[])c.Clone();
        for (int row = 0; row < m; row++)
        {
            for (int col = 0; col < n; col++)
            {
                // The kernel's order: start from C, add a[row, i]·b[i, col] for i = 0, 1, … in turn.
                for (int i = 0; i < k; i++)
                {
                    expected[(row * n) + col] += a[(row * k) + i] * b[(i * n) + col];
                }
            }
        }

        MatrixKernels.MultiplyAdd(a, b, c, m, k, n);

        Assert.Equal(expected, c);
    }

    [Theory]
    [InlineData(3, 4, 2)]
    [InlineData(5, 7, 64)]
    [InlineData(4, 64, 24)]
    [InlineData(2, 3, 45)]
    [InlineData(7, 5, 12)]
    [InlineData(9, 6, 1)]
    [InlineData(3, 300, 40)]
    public void MultiplyAddTransposedLeftGivesTheSameBitsAsTransposingFirst(int m, int k, int n)
    {
        float[] a = FiniteDifferences.RandomValues(k * m, seed: 4); // stored k×m: A is its transpose
        float[] b = FiniteDifferences.RandomValues(k * n, seed: 5);
        float[] c = FiniteDifferences.RandomValues(m * n, seed: 6);
        float[] transposed = new float[m * k], expected = (float[])c.Clone();
        MatrixKernels.Transpose(a, transposed, k, m);
        MatrixKernels.MultiplyAdd(transposed, b, expected, m, k, n);

        MatrixKernels.MultiplyAddTransposedLeft(a, b, c, m, k, n);

        Assert.Equal(expected, c);
    }

    [Theory]
    [InlineData(3, 4, 2)]
    [InlineData(5, 7, 64)]
    [InlineData(2, 3, 45)]
    [InlineData(7, 5, 12)]
    [InlineData(6, 5, 20)]
    [InlineData(5, 4, 40)] // four vectors and a last one alone
    [InlineData(9, 6, 1)]
    [InlineData(3, 300, 40)]
    public void MultiplyAndMultiplyAddBiasStartEachSumFromZeroOrTheBias(int m, int k, int n)
    {
        float[] a = FiniteDifferences.RandomValues(m * k, seed: 9);
        float[] b = FiniteDifferences.RandomValues(k * n, seed: 10);
        float[] bias = FiniteDifferences.RandomValues(n, seed: 11);
        float[] fromZero = new float[m * n], fromBias = new float[m * n];
        for (int row = 0; row < m; row++)
        {
            for (int col = 0; col < n; col++)
            {
                // The order of MultiplyAdd on a cleared C, or on C holding the bias in every row.
                float zeroSum = 0f, biasSum = bias[col];
                for (int i = 0; i < k; i++)
                {
                    zeroSum += a[(row * k) + i] * b[(i * n) + col];
                    biasSum += a[(row * k) + i] * b[(i * n) + col];
                }

                (fromZero[(row * n) + col], fromBias[(row * n) + col]) = (zeroSum, biasSum);
            }
        }

        // C's old values (here large ones) must not leak into the sums.
        float[] c = FiniteDifferences.RandomValues(m * n, seed: 12, scale: 1000);
        MatrixKernels.Multiply(a, b, c, m, k, n);
        Assert.Equal(fromZero, c);

        c = FiniteDifferences.RandomValues(m * n, seed: 13, scale: 1000);
        MatrixKernels.MultiplyAddBias(a, b, bias, c, m, k, n);
        Assert.Equal(fromBias, c);
    }

    [Theory]
    [InlineData(4, 300, 64)]
    [InlineData(7, 5, 12)]
    [InlineData(9, 6, 1)]
    public void MultiplyTransposedLeftGivesTheBitsOfAddingToZeros(int m, int k, int n)
    {
        float[] a = FiniteDifferences.RandomValues(k * m, seed: 14);
        float[] b = FiniteDifferences.RandomValues(k * n, seed: 15);
        float[] expected = new float[m * n];
        MatrixKernels.MultiplyAddTransposedLeft(a, b, expected, m, k, n);

        float[] c = FiniteDifferences.RandomValues(m * n, seed: 16, scale: 1000);
        MatrixKernels.MultiplyTransposedLeft(a, b, c, m, k, n);

        Assert.Equal(expected, c);
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(5, 64)]
    [InlineData(4, 13)]
    public void AddRowsAddsEachRowInTurn(int m, int n)
    {
        float[] rows = FiniteDifferences.RandomValues(m * n, seed: 7);
        float[] target = FiniteDifferences.RandomValues(n, seed: 8);
        float[] expected = (float[])target.Clone();
        for (int r = 0; r < m; r++)
        {
            for (int col = 0; col < n; col++)
            {
                expected[col] += rows[(r * n) + col];
            }
        }

        MatrixKernels.AddRows(rows, target, m, n);

        Assert.Equal(expected, target);
    }

    [Fact]
    public void TransposeAndAddTransposedMoveEachElementToItsMirror()
    {
        float[] source = [1, 2, 3, 4, 5, 6]; // 2×3
        float[] target = new float[6];
        MatrixKernels.Transpose(source, target, 2, 3);
        Assert.Equal([1, 4, 2, 5, 3, 6], target); // 3×2

        float[] sum = [10, 10, 10, 10, 10, 10];
        MatrixKernels.AddTransposed(source, sum, 2, 3);
        Assert.Equal([11, 14, 12, 15, 13, 16], sum);
    }

    [Fact]
    public void ShortSpansAreRefused()
    {
        Assert.Throws<ArgumentException>(() => MatrixKernels.MultiplyAdd(new float[5], new float[6], new float[4], 2, 3, 2));
        Assert.Throws<ArgumentException>(() => MatrixKernels.MultiplyAddBias(new float[6], new float[6], new float[1], new float[4], 2, 3, 2));
    }
}
