using MarketMaking.Core.Errors;
using MathNet.Numerics.LinearAlgebra;

namespace MarketMaking.Strategies.Portfolio;

/// <summary>Covariance matrices of several assets: built from volatilities and correlations, checked, factored.</summary>
public static class CovarianceMatrix
{
    /// <summary>Σ_ij = ρ_ij σ_i σ_j with ρ_ii = 1 and the same ρ for every pair.</summary>
    public static double[,] Uniform(IReadOnlyList<double> sigmas, double correlation)
    {
        ArgumentNullException.ThrowIfNull(sigmas);
        int n = sigmas.Count;
        // "is not (> -1 and < 1)" also refuses NaN, which would otherwise fill Σ and be reported against the matrix.
        if (correlation is not (> -1 and < 1) || (n > 1 && correlation <= -1.0 / (n - 1)))
        {
            throw new InvalidParameterException("correlation", $"must be in (−1/(n−1), 1) for a positive-definite matrix of {n} assets, got {correlation}");
        }

        var c = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                c[i, j] = (i == j ? 1 : correlation) * sigmas[i] * sigmas[j];
            }
        }

        return Validate(c);
    }

    /// <summary>The lower-triangular L with L·Lᵀ = Σ; a matrix that is not positive definite is a parameter error.</summary>
    public static double[,] Cholesky(double[,] covariance)
    {
        Validate(covariance);
        return Matrix<double>.Build.DenseOfArray(covariance).Cholesky().Factor.ToArray();
    }

    /// <summary>Throws naming the problem unless the matrix is square, symmetric, finite and positive definite.</summary>
    public static double[,] Validate(double[,] covariance)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        int n = covariance.GetLength(0);
        if (n == 0 || covariance.GetLength(1) != n)
        {
            throw new InvalidParameterException("covariance", "must be a non-empty square matrix");
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (!double.IsFinite(covariance[i, j]) || Math.Abs(covariance[i, j] - covariance[j, i]) > 1e-12 * Math.Max(1, Math.Abs(covariance[i, j])))
                {
                    throw new InvalidParameterException("covariance", $"entry ({i}, {j}) = {covariance[i, j]} must be finite and equal to ({j}, {i})");
                }
            }
        }

        double smallest = Matrix<double>.Build.DenseOfArray(covariance).Evd(Symmetricity.Symmetric).EigenValues.Select(e => e.Real).Min();
        if (smallest <= 0)
        {
            throw new InvalidParameterException("covariance", $"must be positive definite (smallest eigenvalue {smallest:G4})");
        }

        return covariance;
    }
}
