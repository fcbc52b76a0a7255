using System.Numerics;
using MarketMaking.Core.Randomness;
using MarketMaking.Strategies.Portfolio;

namespace MarketMaking.Simulation.MultiAsset;

/// <summary>
/// Steps N correlated arithmetic Brownian mids in every SIMD lane at once: dS = L·Z·√dt with L the
/// Cholesky factor of Σ (L·Lᵀ = Σ) and Z independent standard normals, so the increments have
/// covariance Σ·dt exactly.
/// </summary>
public sealed class CorrelatedBrownian
{
    private readonly double[,] _scaled;

    public CorrelatedBrownian(double[,] covariance, double timeStep)
    {
        double[,] l = CovarianceMatrix.Cholesky(covariance);
        int n = l.GetLength(0);
        _scaled = new double[n, n];
        double root = Math.Sqrt(timeStep);
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k <= i; k++)
            {
                _scaled[i, k] = l[i, k] * root;
            }
        }
    }

    public int Count => _scaled.GetLength(0);

    /// <summary>Adds one step's increments to <paramref name="mids"/>; <paramref name="shocks"/> is scratch of the same length.</summary>
    public void Step(ref VectorRandom random, Span<Vector<double>> mids, Span<Vector<double>> shocks)
    {
        int n = Count;
        for (int k = 0; k < n; k++)
        {
            shocks[k] = random.NextNormal();
        }

        for (int i = 0; i < n; i++)
        {
            Vector<double> change = Vector<double>.Zero;
            for (int k = 0; k <= i; k++)
            {
                change += new Vector<double>(_scaled[i, k]) * shocks[k];
            }

            mids[i] += change;
        }
    }
}
