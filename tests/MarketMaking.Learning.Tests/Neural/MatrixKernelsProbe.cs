using System.Globalization;
using System.Numerics;
using System.Text;
using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Tests.Neural;

/// <summary>
/// Every product form of <see cref="MatrixKernels"/> on shapes that take each of its paths at any
/// vector width (rows of 1, 5, 8, 12, 15, 16, 20 and 40 floats; odd and even row counts; inner
/// dimensions past a cache-sized span), against the scalar sums in the kernels' order. Prints the
/// width and the number of outputs that differ in any bit.
/// </summary>
internal static class MatrixKernelsProbe
{
    public const string Command = "matrix-kernels-probe";

    private static readonly (int M, int K, int N)[] Shapes =
        [(7, 5, 12), (6, 64, 12), (3, 700, 12), (5, 9, 8), (4, 33, 15), (9, 6, 1), (2, 3, 5), (6, 5, 16), (3, 7, 20), (5, 300, 40)];

    public static string Report()
    {
        int compared = 0, mismatches = 0;
        foreach ((int m, int k, int n) in Shapes)
        {
            float[] a = FiniteDifferences.RandomValues(m * k, seed: 1), b = FiniteDifferences.RandomValues(k * n, seed: 2);
            float[] bias = FiniteDifferences.RandomValues(n, seed: 3), c = FiniteDifferences.RandomValues(m * n, seed: 4);
            float[] aTransposed = new float[k * m];
            MatrixKernels.Transpose(a, aTransposed, m, k);

            float[] added = (float[])c.Clone(), product = new float[m * n], biased = new float[m * n], left = (float[])c.Clone();
            MatrixKernels.MultiplyAdd(a, b, added, m, k, n);
            MatrixKernels.Multiply(a, b, product, m, k, n);
            MatrixKernels.MultiplyAddBias(a, b, bias, biased, m, k, n);
            MatrixKernels.MultiplyAddTransposedLeft(aTransposed, b, left, m, k, n);
            for (int row = 0; row < m; row++)
            {
                for (int col = 0; col < n; col++)
                {
                    int at = (row * n) + col;
                    mismatches += Differs(added[at], Sum(c[at], a, b, row, col, k, n)) + Differs(product[at], Sum(0f, a, b, row, col, k, n))
                        + Differs(biased[at], Sum(bias[col], a, b, row, col, k, n)) + Differs(left[at], Sum(c[at], a, b, row, col, k, n));
                    compared += 4;
                }
            }
        }

        return new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"lanes {Vector<float>.Count}\n")
            .Append(CultureInfo.InvariantCulture, $"compared {compared}, mismatches {mismatches}\n")
            .ToString();
    }

    // The kernels' order: start, then a[row, i]·b[i, col] added for i = 0, 1, … in turn.
    private static float Sum(float start, float[] a, float[] b, int row, int col, int k, int n)
    {
        float sum = start;
        for (int i = 0; i < k; i++)
        {
            sum += a[(row * k) + i] * b[(i * n) + col];
        }

        return sum;
    }

    private static int Differs(float x, float y) => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y) ? 0 : 1;
}
