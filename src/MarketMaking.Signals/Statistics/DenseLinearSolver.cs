namespace MarketMaking.Signals.Statistics;

/// <summary>Solves small dense systems A·X = B by Gaussian elimination with partial pivoting.</summary>
public static class DenseLinearSolver
{
    /// <summary>
    /// Overwrites <paramref name="b"/> (n × m) with the solution X; <paramref name="a"/> (n × n) is
    /// destroyed. False when A is singular to working precision.
    /// </summary>
    public static bool TrySolve(double[,] a, double[,] b)
    {
        int n = a.GetLength(0);
        int m = b.GetLength(1);
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int row = col + 1; row < n; row++)
            {
                if (Math.Abs(a[row, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = row;
                }
            }

            if (Math.Abs(a[pivot, col]) < 1e-12)
            {
                return false;
            }

            if (pivot != col)
            {
                SwapRows(a, pivot, col);
                SwapRows(b, pivot, col);
            }

            for (int row = col + 1; row < n; row++)
            {
                double factor = a[row, col] / a[col, col];
                if (factor == 0)
                {
                    continue;
                }

                for (int k = col; k < n; k++)
                {
                    a[row, k] -= factor * a[col, k];
                }

                for (int k = 0; k < m; k++)
                {
                    b[row, k] -= factor * b[col, k];
                }
            }
        }

        for (int row = n - 1; row >= 0; row--)
        {
            for (int k = 0; k < m; k++)
            {
                double sum = b[row, k];
                for (int j = row + 1; j < n; j++)
                {
                    sum -= a[row, j] * b[j, k];
                }

                b[row, k] = sum / a[row, row];
            }
        }

        return true;
    }

    private static void SwapRows(double[,] matrix, int first, int second)
    {
        for (int k = 0; k < matrix.GetLength(1); k++)
        {
            (matrix[first, k], matrix[second, k]) = (matrix[second, k], matrix[first, k]);
        }
    }
}
