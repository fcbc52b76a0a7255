namespace MarketMaking.Data.Bybit.Trading;

/// <summary>Open and closed order statuses, as docs/v5/enum.mdx groups them.</summary>
public static class BybitOrderStatusExtensions
{
    /// <summary>New, PartiallyFilled and Untriggered orders are open; every other status is final.</summary>
    public static bool IsOpen(this BybitOrderStatus status) =>
        status is BybitOrderStatus.New or BybitOrderStatus.PartiallyFilled or BybitOrderStatus.Untriggered;
}
