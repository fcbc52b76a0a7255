using MarketMaking.Core.Orders;
using MarketMaking.Core.Quoting;
using MarketMaking.Strategies;
using MarketMaking.Strategies.Vectorization;

namespace MarketMaking.Learning.Evaluation;

/// <summary>
/// The same depth on both sides at every step (the baseline an optimal control must beat); not
/// quoting past Q_max. Linear in inventory with no skew, so the vectorized market runs it natively.
/// </summary>
public sealed class ConstantDepthStrategy(double depth, int maxInventory, double orderQuantity = 1) : IQuotingStrategy, ILinearInventoryQuoting, IInventoryLimited
{
    public double Depth { get; } = depth;

    public string Name => "constant";

    public double OrderQuantity => orderQuantity;

    public double InventoryLimit => maxInventory * orderQuantity;

    double ILinearInventoryQuoting.MaxInventory => maxInventory;

    public LinearQuote CoefficientsAt(double timeLeft) => new(0, Depth, Depth);

    public QuoteDecision Decide(in QuoteContext context)
    {
        double q = context.Inventory / orderQuantity;
        var decision = default(QuoteDecision);
        if (q < maxInventory - 0.5)
        {
            decision.Add(Side.Buy, context.Mid - Depth, orderQuantity);
        }

        if (q > -maxInventory + 0.5)
        {
            decision.Add(Side.Sell, context.Mid + Depth, orderQuantity);
        }

        return decision;
    }
}
