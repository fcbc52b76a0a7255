using MarketMaking.Signals.Calibration;

namespace MarketMaking.Simulation.Agents;

/// <summary>
/// The statistics that show a simulated market behaves like a real one (Cont 2001, "Empirical
/// properties of asset returns: stylized facts and statistical issues").
/// </summary>
/// <param name="Minutes">1-minute returns measured.</param>
/// <param name="ReturnExcessKurtosis">Excess kurtosis of 1-minute mid log-returns (real markets: well above 0).</param>
/// <param name="AbsoluteReturnAutocorrelation">Autocorrelation of |1-minute returns| at lags 1..10 (positive: volatility clusters).</param>
/// <param name="TradePriceChangeAutocorrelation">Lag-1 autocorrelation of successive trade-price changes (negative: bid-ask bounce).</param>
/// <param name="SpreadShares">Share of time the spread is 1, 2, 3 and 4+ ticks.</param>
/// <param name="ImpactBySize">Mean mid move (ticks, in the order's direction) right after a market order, by size bucket.</param>
/// <param name="Trades">Trades seen.</param>
public sealed record StylizedFacts(
    int Minutes,
    double ReturnExcessKurtosis,
    IReadOnlyList<double> AbsoluteReturnAutocorrelation,
    double TradePriceChangeAutocorrelation,
    IReadOnlyList<double> SpreadShares,
    IReadOnlyList<ImpactBucket> ImpactBySize,
    long Trades)
{
    /// <summary>
    /// β in impact ∝ size^β, the weighted least-squares slope of ln(mean impact) on ln(mean size)
    /// over the buckets, each weighted by the inverse variance of its ln(mean impact) (delta method:
    /// (standard error / mean)²), with its 95% interval. Real books show β ≈ ½ (the square-root law);
    /// NaN when fewer than two buckets have a positive mean impact and a standard error.
    /// </summary>
    public ParameterEstimate ImpactExponent
    {
        get
        {
            ImpactBucket[] usable = [.. ImpactBySize.Where(b => b.MeanImpact > 0 && b.ImpactStandardError > 0 && b.MeanSize > 0)];
            if (usable.Length < 2)
            {
                return ParameterEstimate.Normal(double.NaN, double.NaN);
            }

            double[] x = [.. usable.Select(b => Math.Log(b.MeanSize))];
            double[] y = [.. usable.Select(b => Math.Log(b.MeanImpact))];
            double[] w = [.. usable.Select(b => Math.Pow(b.MeanImpact / b.ImpactStandardError, 2))];
            double total = w.Sum();
            double meanX = x.Zip(w, (xi, wi) => xi * wi).Sum() / total, meanY = y.Zip(w, (yi, wi) => yi * wi).Sum() / total;
            double sxx = 0, sxy = 0;
            for (int i = 0; i < x.Length; i++)
            {
                sxx += w[i] * (x[i] - meanX) * (x[i] - meanX);
                sxy += w[i] * (x[i] - meanX) * (y[i] - meanY);
            }

            return ParameterEstimate.Normal(sxy / sxx, 1 / Math.Sqrt(sxx));
        }
    }

    /// <summary>
    /// True when impact grows with size, and less than in proportion: each bucket's mean impact is
    /// above the previous one's and the exponent β is clearly below 1 (its 95% interval ends below 1).
    /// </summary>
    public bool ImpactIsConcave =>
        ImpactBySize.Count >= 2
        && ImpactBySize.Zip(ImpactBySize.Skip(1)).All(pair => pair.Second.MeanImpact > pair.First.MeanImpact)
        && ImpactExponent.Upper < 1;
}
