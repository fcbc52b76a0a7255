namespace MarketMaking.Core.Orders;

/// <summary>The side of an order or quote: buying on the bid, selling on the ask.</summary>
public enum Side
{
    Buy = 0,
    Sell = 1,
}
