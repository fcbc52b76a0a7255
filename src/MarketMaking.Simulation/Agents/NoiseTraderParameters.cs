using MarketMaking.Core.Errors;

namespace MarketMaking.Simulation.Agents;

/// <summary>
/// Zero-intelligence traders (Smith, Farmer, Gillemot &amp; Krishnamurthy 2003): limit orders placed
/// a geometric number of ticks behind the touch of the other side, each resting order cancelled at
/// a constant rate (which keeps the book's size stationary), and market orders of random size.
/// </summary>
public sealed record NoiseTraderParameters
{
    /// <summary>Limit orders per second (both sides together).</summary>
    public double LimitRate { get; init; } = 20;

    /// <summary>Market orders per second (both sides together), before clustering.</summary>
    public double MarketRate { get; init; } = 3;

    /// <summary>Rate at which each resting noise order is cancelled, per second.</summary>
    public double CancelRate { get; init; } = 0.3;

    /// <summary>
    /// p of the geometric placement: a buy goes k ticks below (best ask − 1 tick) with probability
    /// p(1 − p)^k, so larger p crowds orders at the touch.
    /// </summary>
    public double PlacementDecay { get; init; } = 0.25;

    /// <summary>Mean size of a limit order (lots).</summary>
    public double MeanLimitSize { get; init; } = 2;

    /// <summary>Median size of a market order (lots).</summary>
    public double MedianMarketSize { get; init; } = 2;

    /// <summary>Log-standard deviation of market order sizes (lognormal: a heavy right tail).</summary>
    public double MarketSizeDispersion { get; init; } = 0.8;

    internal void Validate()
    {
        InvalidParameterException.RequireNonNegative("noise.limit_rate", LimitRate);
        InvalidParameterException.RequireNonNegative("noise.market_rate", MarketRate);
        InvalidParameterException.RequireNonNegative("noise.cancel_rate", CancelRate);
        if (PlacementDecay is <= 0 or > 1)
        {
            throw new InvalidParameterException("noise.placement_decay", $"must be in (0, 1], got {PlacementDecay}");
        }

        if (!(MeanLimitSize >= 1))
        {
            throw new InvalidParameterException("noise.mean_limit_size", $"must be at least 1 lot, got {MeanLimitSize}");
        }

        if (!(MedianMarketSize >= 1))
        {
            throw new InvalidParameterException("noise.median_market_size", $"must be at least 1 lot, got {MedianMarketSize}");
        }

        InvalidParameterException.RequireNonNegative("noise.market_size_dispersion", MarketSizeDispersion);
    }
}
