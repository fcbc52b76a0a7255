using MarketMaking.Core.Orders;

namespace MarketMaking.Core.Accounting;

/// <summary>
/// One execution of one of our orders.
/// </summary>
/// <param name="Time">When it happened, in the market's time unit since the start of the run.</param>
/// <param name="OrderId">Our order that was filled.</param>
/// <param name="Side">Buy: our bid was hit; sell: our ask was lifted.</param>
/// <param name="Price">Execution price.</param>
/// <param name="Quantity">Filled quantity (positive, instrument units).</param>
/// <param name="Fee">Fee paid; negative for a rebate received.</param>
/// <param name="IsMaker">True when our resting order provided the liquidity.</param>
/// <param name="Mid">The market's mid price just before the fill (for edge and markouts).</param>
public readonly record struct Fill(double Time, long OrderId, Side Side, double Price, double Quantity, double Fee, bool IsMaker, double Mid)
{
    /// <summary>Edge per unit against the mid: positive when we bought below or sold above it.</summary>
    public double EdgePerUnit => Side == Side.Buy ? Mid - Price : Price - Mid;
}
