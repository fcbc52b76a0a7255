using System.Numerics;
using MarketMaking.Core.Randomness;
using MarketMaking.Strategies.Portfolio;

namespace MarketMaking.Simulation.MultiAsset;

/// <summary>
/// The vectorized multi-asset model market: trajectories in SIMD lanes, each lane with its own random
/// stream (trajectory t always draws the same numbers, whatever the vector width or thread count),
/// N assets per trajectory. Within a step: quotes from the inventories, fills drawn against the
/// current mids, then the mids move together. Two quoting rules run on the same seed see the same
/// market moves and the same fill uniforms (common random numbers), so their difference is paired.
/// </summary>
public sealed class MultiAssetMonteCarlo(MultiAssetModelParameters market)
{
    private readonly MultiAssetModelParameters _market = market.Validate();

    public MultiAssetModelParameters Market => _market;

    public MultiAssetOutcomes Run(PortfolioGlftQuotes quotes, int trajectories, ulong seed, double utilityGamma)
    {
        ArgumentNullException.ThrowIfNull(quotes);
        ArgumentOutOfRangeException.ThrowIfLessThan(trajectories, 1);
        if (quotes.Assets != _market.Count)
        {
            throw new ArgumentException($"the quotes are for {quotes.Assets} assets, the market has {_market.Count}", nameof(quotes));
        }

        var outcomes = new MultiAssetOutcomes(quotes.Name, new double[trajectories], new double[trajectories], new double[trajectories], new double[trajectories], new double[trajectories]);
        int width = Vector<double>.Count;
        int groups = (trajectories + width - 1) / width;
        var brownian = new CorrelatedBrownian(_market.Covariance, _market.TimeStep);
        Parallel.For(0, groups, g => RunGroup(quotes, brownian, g * width, Math.Min(width, trajectories - (g * width)), seed, utilityGamma, outcomes));
        return outcomes;
    }

    private void RunGroup(PortfolioGlftQuotes quotes, CorrelatedBrownian brownian, int first, int count, ulong seed, double utilityGamma, MultiAssetOutcomes outcomes)
    {
        MultiAssetModelParameters p = _market;
        int n = p.Count;
        double dt = p.TimeStep;
        var random = VectorRandom.ForTrajectories(seed, first, count);
        Span<Vector<double>> mid = new Vector<double>[n];
        Span<Vector<double>> inventory = new Vector<double>[n];
        Span<Vector<double>> shocks = new Vector<double>[n];
        Span<Vector<double>> bidDepth = new Vector<double>[n];
        Span<Vector<double>> askDepth = new Vector<double>[n];
        Vector<double> cash = Vector<double>.Zero, risk = Vector<double>.Zero, fills = Vector<double>.Zero, maxAbs = Vector<double>.Zero;
        for (int i = 0; i < n; i++)
        {
            mid[i] = new Vector<double>(p.InitialMid);
        }

        for (int step = 0; step < p.Steps; step++)
        {
            VectorDepths(quotes, inventory, bidDepth, askDepth);
            for (int i = 0; i < n; i++)
            {
                PortfolioAsset a = p.Assets[i];
                Vector<double> size = new(a.OrderQuantity);
                Vector<double> bidProbability = new Vector<double>(a.A * dt) * Vector.Exp(new Vector<double>(-a.Kappa) * bidDepth[i]);
                Vector<double> askProbability = new Vector<double>(a.A * dt) * Vector.Exp(new Vector<double>(-a.Kappa) * askDepth[i]);
                Vector<long> bought = Vector.LessThan(random.NextUniform(), bidProbability); // NaN depth: never
                Vector<long> sold = Vector.LessThan(random.NextUniform(), askProbability);
                Vector<double> buyQuantity = Vector.ConditionalSelect(bought, size, Vector<double>.Zero);
                Vector<double> sellQuantity = Vector.ConditionalSelect(sold, size, Vector<double>.Zero);
                cash += (sellQuantity * (mid[i] + Vector.ConditionalSelect(sold, askDepth[i], Vector<double>.Zero)))
                    - (buyQuantity * (mid[i] - Vector.ConditionalSelect(bought, bidDepth[i], Vector<double>.Zero)));
                inventory[i] += buyQuantity - sellQuantity;
                fills -= Vector.ConvertToDouble(bought + sold);
                maxAbs = Vector.Max(maxAbs, Vector.Abs(inventory[i]) / size);
            }

            risk += Quadratic(p.Covariance, inventory) * new Vector<double>(dt);
            brownian.Step(ref random, mid, shocks);
        }

        Vector<double> pnl = cash;
        for (int i = 0; i < n; i++)
        {
            pnl += inventory[i] * mid[i];
        }

        Vector<double> utility = pnl - (new Vector<double>(utilityGamma / 2) * risk);
        for (int lane = 0; lane < count; lane++)
        {
            int t = first + lane;
            outcomes.Pnl[t] = pnl[lane];
            outcomes.InventoryRisk[t] = risk[lane];
            outcomes.Utility[t] = utility[lane];
            outcomes.Fills[t] = fills[lane];
            outcomes.MaxAbsInventory[t] = maxAbs[lane];
        }
    }

    /// <summary>The closed-form depths of <see cref="PortfolioGlftQuotes.Depths"/>, per lane.</summary>
    private static void VectorDepths(PortfolioGlftQuotes quotes, ReadOnlySpan<Vector<double>> inventory, Span<Vector<double>> bid, Span<Vector<double>> ask)
    {
        int n = quotes.Assets;
        Vector<double> nan = new(double.NaN);
        for (int i = 0; i < n; i++)
        {
            Vector<double> weighted = Vector<double>.Zero;
            for (int j = 0; j < n; j++)
            {
                weighted += new Vector<double>(quotes.Gamma(i, j)) * inventory[j];
            }

            Vector<double> twice = weighted + weighted;
            Vector<double> fixedPart = new(quotes.BaseDepth(i) + (quotes.OrderQuantity(i) * quotes.Gamma(i, i)));
            Vector<double> orders = inventory[i] / new Vector<double>(quotes.OrderQuantity(i));
            Vector<double> limit = new(quotes.MaxInventory[i]);
            bid[i] = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(orders, limit), nan, fixedPart + twice);
            ask[i] = Vector.ConditionalSelect(Vector.LessThanOrEqual(orders, -limit), nan, fixedPart - twice);
        }
    }

    private static Vector<double> Quadratic(double[,] sigma, ReadOnlySpan<Vector<double>> q)
    {
        Vector<double> sum = Vector<double>.Zero;
        int n = q.Length;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                sum += new Vector<double>(sigma[i, j]) * q[i] * q[j];
            }
        }

        return sum;
    }
}
