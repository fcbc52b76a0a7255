using MarketMaking.Core.Orders;
using MarketMaking.Core.Quoting;
using MarketMaking.Signals.Features;
using MarketMaking.Strategies;

namespace MarketMaking.Learning.Spreads;

/// <summary>
/// Quotes the spread the neural predictor expects to be best, name "nn-spread": half-spread =
/// prediction (ticks) × tick, never below one tick; the centre leans against inventory by
/// <paramref name="inventorySkew"/> per order size; the side that would pass
/// <paramref name="maxInventory"/> order sizes is not quoted. Until the features are defined it
/// quotes the predictor's training mean. Stateless and allocation free per decision.
/// </summary>
public sealed class PredictedSpreadStrategy(SpreadPredictor predictor, double tick, double orderQuantity, double inventorySkew, int maxInventory)
    : IQuotingStrategy, IReadsMarketFeatures, IInventoryLimited
{
    /// <summary>The strategy settings (config keys) it quotes from, besides the model file.</summary>
    public static IReadOnlyList<string> Parameters { get; } = ["order_size", "inventory_skew", "max_inventory"];

    public string Name => "nn-spread";

    public double InventoryLimit => maxInventory * orderQuantity;

    public MarketFeatureSettings? FeatureSettings => SpreadPredictor.FeatureSettings;

    public QuoteDecision Decide(in QuoteContext context)
    {
        double predicted = context.Features.IsEmpty ? double.NaN : predictor.PredictFromMarket(context.Features);
        double half = Math.Max(double.IsFinite(predicted) ? predicted : predictor.TargetScale, 1) * tick;
        double q = context.Inventory / orderQuantity;
        double centre = context.Mid - (inventorySkew * q);
        var decision = default(QuoteDecision);
        if (q < maxInventory)
        {
            decision.Add(Side.Buy, centre - half, orderQuantity);
        }

        if (q > -maxInventory)
        {
            decision.Add(Side.Sell, centre + half, orderQuantity);
        }

        return decision;
    }
}
