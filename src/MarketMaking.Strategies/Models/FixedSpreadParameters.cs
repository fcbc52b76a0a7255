using MarketMaking.Core.Errors;

namespace MarketMaking.Strategies.Models;

/// <summary>Parameters of the fixed-spread strategy, named as in Hummingbot-style bots.</summary>
/// <param name="SpreadBps">Total spread in basis points of the mid, ≥ 0 (config key <c>spread_bps</c>).</param>
/// <param name="MaxInventory">Limit Q in order sizes: at |q| ≥ Q the side that would grow the position is not quoted (config key <c>max_inventory</c>).</param>
/// <param name="OrderQuantity">Size of each quote; inventory counts in multiples of it (config key <c>order_size</c>).</param>
/// <param name="SkewFactor">≥ 0: the centre moves by −skew_factor·(q/Q)·half spread, so with 1 the near quote sits at the mid at full inventory (config key <c>skew_factor</c>).</param>
/// <param name="UpdateInterval">Seconds between requotes, ≥ 0; honoured by the run loop, not by the strategy (config key <c>update_freq</c>).</param>
public sealed record FixedSpreadParameters(
    double SpreadBps = 20,
    int MaxInventory = 20,
    double OrderQuantity = 1,
    double SkewFactor = 0.5,
    double UpdateInterval = 0)
{
    internal void Validate()
    {
        InvalidParameterException.RequireNonNegative("spread_bps", SpreadBps);
        ParameterChecks.RequireMaxInventory(MaxInventory);
        InvalidParameterException.RequirePositive("order_size", OrderQuantity);
        InvalidParameterException.RequireNonNegative("skew_factor", SkewFactor);
        InvalidParameterException.RequireNonNegative("update_freq", UpdateInterval);
    }
}
