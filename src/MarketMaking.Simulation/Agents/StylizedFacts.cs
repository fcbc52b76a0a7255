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
    /// True when impact grows with size but less than in proportion: each bucket's mean impact is
    /// above the previous one's and its impact per lot is below it.
    /// </summary>
    public bool ImpactIsConcave =>
        ImpactBySize.Count >= 2
        && ImpactBySize.Zip(ImpactBySize.Skip(1)).All(pair => pair.Second.MeanImpact > pair.First.MeanImpact && pair.Second.MeanImpact / pair.Second.MeanSize < pair.First.MeanImpact / pair.First.MeanSize);
}
