using MarketMaking.Core.Orders;
using MarketMaking.Core.Quoting;
using MarketMaking.Signals.Features;

namespace MarketMaking.Strategies.Models;

/// <summary>
/// A practitioner's heuristic, name "adaptive": the spread follows volatility, the centre leans
/// against inventory (harder near the limit) and with the alpha signal, and the side that would
/// grow the position shrinks as the position grows. With q in order sizes and u = |q|/Q:
/// half = max(base_spread/2 · σ/vol_ref, min_spread/2);
/// centre = mid − inventory_skew·q·f(u) + alpha_skew·alpha with f(u) = 1 for u ≤ 0.7 and
/// 1 + skew_accel·((u − 0.7)/0.3)² beyond; growing side size = order_size·(1 − u),
/// not quoted when ≤ 0; the reducing side keeps order_size. With imbalance_skew the centre also
/// moves towards the heavier side of the book: + imbalance_skew·imbalance.
/// </summary>
public sealed class AdaptiveSkewStrategy : IQuotingStrategy, IReadsMarketFeatures, IInventoryLimited
{
    private static readonly int ImbalanceIndex = MarketFeatures.IndexOf("imbalance");

    // Beyond this fraction of the limit the skew accelerates.
    private const double AccelerationStart = 0.7;

    public AdaptiveSkewStrategy(AdaptiveSkewParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        Parameters = parameters;
    }

    public AdaptiveSkewParameters Parameters { get; }

    public string Name => "adaptive";

    /// <summary>At |q| ≥ Q the growing side's size is zero: it is not quoted.</summary>
    public double InventoryLimit => Parameters.MaxInventory * Parameters.OrderQuantity;

    public MarketFeatureSettings? FeatureSettings => Parameters.ImbalanceSkew != 0 ? new MarketFeatureSettings() : null;

    public QuoteDecision Decide(in QuoteContext context)
    {
        var p = Parameters;
        var half = 0.5 * p.BaseSpread;

        // An estimator still warming up reports NaN: quote the base spread rather than nothing.
        if (p.VolatilityReference > 0 && double.IsFinite(context.Volatility))
        {
            half *= context.Volatility / p.VolatilityReference;
        }

        half = Math.Max(half, 0.5 * p.MinSpread);
        var q = context.Inventory / p.OrderQuantity;
        var u = Math.Abs(q) / p.MaxInventory;
        var excess = (u - AccelerationStart) / (1 - AccelerationStart);
        var acceleration = u <= AccelerationStart ? 1 : 1 + (p.SkewAcceleration * excess * excess);
        var centre = context.Mid - (p.InventorySkew * q * acceleration) + (p.AlphaSkew * context.Alpha);
        if (p.ImbalanceSkew != 0 && context.Features.Length > ImbalanceIndex && double.IsFinite(context.Features[ImbalanceIndex]))
        {
            centre += p.ImbalanceSkew * context.Features[ImbalanceIndex];
        }

        var growingSize = p.OrderQuantity * (1 - u);
        var bidSize = q > 0 ? growingSize : p.OrderQuantity;
        var askSize = q < 0 ? growingSize : p.OrderQuantity;
        var decision = default(QuoteDecision);
        if (bidSize > 0)
        {
            decision.Add(Side.Buy, centre - half, bidSize);
        }

        if (askSize > 0)
        {
            decision.Add(Side.Sell, centre + half, askSize);
        }

        return decision;
    }
}
