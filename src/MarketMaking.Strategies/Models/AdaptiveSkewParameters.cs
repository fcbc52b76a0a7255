using MarketMaking.Core.Errors;

namespace MarketMaking.Strategies.Models;

/// <summary>Parameters of the adaptive-skew strategy.</summary>
/// <param name="BaseSpread">Total spread (price units) at the reference volatility, ≥ 0 (config key <c>base_spread</c>).</param>
/// <param name="VolatilityReference">Volatility at which the spread equals base_spread; 0 turns volatility scaling off (config key <c>vol_ref</c>).</param>
/// <param name="MinSpread">Floor of the total spread, ≥ 0 (config key <c>min_spread</c>).</param>
/// <param name="InventorySkew">k ≥ 0: centre shift per order size of inventory below 70% of the limit (config key <c>inventory_skew</c>).</param>
/// <param name="SkewAcceleration">How much faster the skew grows beyond 70% of the limit: f(1) = 1 + acceleration (config key <c>skew_accel</c>).</param>
/// <param name="AlphaSkew">Centre shift per unit of the context's alpha signal (config key <c>alpha_skew</c>).</param>
/// <param name="MaxInventory">Limit Q in order sizes; the growing side's size shrinks to 0 at Q (config key <c>max_inventory</c>).</param>
/// <param name="OrderQuantity">Full quote size; inventory counts in multiples of it (config key <c>order_size</c>).</param>
/// <param name="ImbalanceSkew">Centre shift (price units) per unit of top-of-book imbalance (Vb−Va)/(Vb+Va), read from the market's features; 0 turns it off (config key <c>imbalance_skew</c>).</param>
public sealed record AdaptiveSkewParameters(
    double BaseSpread = 1.5,
    double VolatilityReference = 2,
    double MinSpread = 0,
    double InventorySkew = 0.05,
    double SkewAcceleration = 2,
    double AlphaSkew = 0,
    int MaxInventory = 20,
    double OrderQuantity = 1,
    double ImbalanceSkew = 0)
{
    internal void Validate()
    {
        InvalidParameterException.RequireNonNegative("base_spread", BaseSpread);
        InvalidParameterException.RequireNonNegative("vol_ref", VolatilityReference);
        InvalidParameterException.RequireNonNegative("min_spread", MinSpread);
        InvalidParameterException.RequireNonNegative("inventory_skew", InventorySkew);
        InvalidParameterException.RequireNonNegative("skew_accel", SkewAcceleration);
        InvalidParameterException.RequireFinite("alpha_skew", AlphaSkew);
        ParameterChecks.RequireMaxInventory(MaxInventory);
        InvalidParameterException.RequirePositive("order_size", OrderQuantity);
        InvalidParameterException.RequireFinite("imbalance_skew", ImbalanceSkew);
    }
}
