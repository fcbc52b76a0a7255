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
