using MarketMaking.Core.Errors;
using MathNet.Numerics.LinearAlgebra;

namespace MarketMaking.Strategies.Portfolio;

/// <summary>
/// Closed-form multi-asset quotes of Guéant (2017) and Bergault, Evangelista, Guéant &amp; Vieira (2021),
/// ergodic regime, CARA model with ξ = γ and exponential intensities. The value function is
/// approximated by −qᵀΓq (the Hamiltonians replaced by their quadratic expansions), which gives the
/// Riccati equation Γ·D·Γ = γΣ/8 and
/// <code>
///   Γ  = √(γ/8) · D^(−1/2) (D^(1/2) Σ D^(1/2))^(1/2) D^(−1/2),   D = diag(A_i Δ_i κ_i (1 + γΔ_i/κ_i)^(−1−κ_i/(γΔ_i)))
///   δb_i(q) = (1/(γΔ_i)) ln(1 + γΔ_i/κ_i) + (2Γq)_i + Δ_i Γ_ii
///   δa_i(q) = (1/(γΔ_i)) ln(1 + γΔ_i/κ_i) − (2Γq)_i + Δ_i Γ_ii
/// </code>
/// with q the inventories in units of the assets and Σ the covariance of the mids' increments per
/// time unit. The skew of asset i is driven by the covariance-weighted inventory of the whole
/// portfolio, (Γq)_i, not by q_i alone. With one asset Γ = √(γσ²/(8D)) and the quotes are exactly
/// the one-asset GLFT approximation (<see cref="Models.GlftApproximationStrategy"/>; tested).
/// </summary>
public sealed class PortfolioGlftQuotes
{
    private readonly double[] _base;
    private readonly double[,] _gamma;
    private readonly double[] _orderQuantity;

    private PortfolioGlftQuotes(string name, double[] baseDepth, double[,] gamma, double[] orderQuantity, double[]? maxInventory)
    {
        Name = name;
        _base = baseDepth;
        _gamma = gamma;
        _orderQuantity = orderQuantity;
        MaxInventory = maxInventory ?? [.. Enumerable.Repeat(double.PositiveInfinity, baseDepth.Length)];
    }

    public string Name { get; }

    public int Assets => _base.Length;

    /// <summary>Per asset, the limit in order sizes past which the side that would grow the position is not quoted.</summary>
    public IReadOnlyList<double> MaxInventory { get; }

    /// <summary>Γ_ij: the price shift of asset i's quotes per unit of inventory of asset j, halved.</summary>
    public double Gamma(int i, int j) => _gamma[i, j];

    public double OrderQuantity(int i) => _orderQuantity[i];

    /// <summary>The portfolio quotes: Γ from the full covariance matrix.</summary>
    public static PortfolioGlftQuotes Portfolio(double gamma, double[,] covariance, IReadOnlyList<PortfolioAsset> assets, double[]? maxInventory = null)
    {
        double[] d = Check(gamma, covariance, assets);
        int n = assets.Count;
        Matrix<double> sigma = Matrix<double>.Build.DenseOfArray(covariance);
        Matrix<double> dHalf = Matrix<double>.Build.DenseDiagonal(n, n, i => Math.Sqrt(d[i]));
        Matrix<double> dInverseHalf = Matrix<double>.Build.DenseDiagonal(n, n, i => 1 / Math.Sqrt(d[i]));
        Matrix<double> root = SymmetricSqrt(dHalf * sigma * dHalf);
        Matrix<double> g = Math.Sqrt(gamma / 8) * dInverseHalf * root * dInverseHalf;
        return new PortfolioGlftQuotes("portfolio", BaseDepths(gamma, assets), g.ToArray(), [.. assets.Select(a => a.OrderQuantity)], maxInventory);
    }

    /// <summary>
    /// One-asset GLFT makers side by side: each asset's Γ_ii from its own variance, no cross terms.
    /// The baseline a portfolio maker is compared with.
    /// </summary>
    public static PortfolioGlftQuotes Independent(double gamma, double[,] covariance, IReadOnlyList<PortfolioAsset> assets, double[]? maxInventory = null)
    {
        double[] d = Check(gamma, covariance, assets);
        int n = assets.Count;
        var g = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            g[i, i] = Math.Sqrt(gamma * covariance[i, i] / (8 * d[i]));
        }

        return new PortfolioGlftQuotes("glft", BaseDepths(gamma, assets), g, [.. assets.Select(a => a.OrderQuantity)], maxInventory);
    }

    /// <summary>Bid and ask depths below and above each mid for inventories <paramref name="inventory"/> (units); NaN: side not quoted.</summary>
    public void Depths(ReadOnlySpan<double> inventory, Span<double> bidDepth, Span<double> askDepth)
    {
        int n = _base.Length;
        for (int i = 0; i < n; i++)
        {
            double weighted = 0;
            for (int j = 0; j < n; j++)
            {
                weighted += _gamma[i, j] * inventory[j];
            }

            double own = _orderQuantity[i] * _gamma[i, i];
            double orders = inventory[i] / _orderQuantity[i];
            bidDepth[i] = orders >= MaxInventory[i] ? double.NaN : _base[i] + (2 * weighted) + own;
            askDepth[i] = orders <= -MaxInventory[i] ? double.NaN : _base[i] - (2 * weighted) + own;
        }
    }

    /// <summary>The static half spread (1/(γΔ_i)) ln(1 + γΔ_i/κ_i) of asset i.</summary>
    public double BaseDepth(int i) => _base[i];

    private static double[] BaseDepths(double gamma, IReadOnlyList<PortfolioAsset> assets) =>
        [.. assets.Select(a => Math.Log(1 + (gamma * a.OrderQuantity / a.Kappa)) / (gamma * a.OrderQuantity))];

    private static double[] Check(double gamma, double[,] covariance, IReadOnlyList<PortfolioAsset> assets)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        ArgumentNullException.ThrowIfNull(assets);
        InvalidParameterException.RequirePositive("gamma", gamma);
        int n = assets.Count;
        if (n == 0 || covariance.GetLength(0) != n || covariance.GetLength(1) != n)
        {
            throw new InvalidParameterException("covariance", $"must be {n}×{n} for {n} assets, got {covariance.GetLength(0)}×{covariance.GetLength(1)}");
        }

        CovarianceMatrix.Validate(covariance);
        var d = new double[n];
        for (int i = 0; i < n; i++)
        {
            PortfolioAsset a = assets[i];
            a.Validate(i);
            double xi = gamma * a.OrderQuantity;
            d[i] = a.A * a.OrderQuantity * a.Kappa * Math.Pow(1 + (xi / a.Kappa), -1 - (a.Kappa / xi));
        }

        return d;
    }

    private static Matrix<double> SymmetricSqrt(Matrix<double> m)
    {
        var evd = m.Evd(Symmetricity.Symmetric);
        Vector<double> roots = evd.EigenValues.Map(e => Math.Sqrt(Math.Max(0, e.Real)));
        return evd.EigenVectors * Matrix<double>.Build.DenseOfDiagonalVector(roots) * evd.EigenVectors.Transpose();
    }
}
