using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Tests.Neural;

public class MatrixKernelsTests
{
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
    public void ShortSpansAreRefused() =>
        Assert.Throws<ArgumentException>(() => MatrixKernels.MultiplyAdd(new float[5], new float[6], new float[4], 2, 3, 2));
}
