namespace MarketMaking.Core.Orders;

public static class SideExtensions
{
    /// <summary>+1 for a buy (position grows), −1 for a sell.</summary>
    public static int Sign(this Side side) => side == Side.Buy ? 1 : -1;

    public static Side Opposite(this Side side) => side == Side.Buy ? Side.Sell : Side.Buy;
}
