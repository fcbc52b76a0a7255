namespace MarketMaking.Core.Risk;

/// <summary>Why the risk gate refused an order.</summary>
public enum RejectReason
{
    None = 0,

    /// <summary>Price not finite or quantity not positive.</summary>
    InvalidOrder,

    /// <summary>Quantity above the largest allowed order.</summary>
    OrderTooLarge,

    /// <summary>Filling it (with every open order on its side) would exceed the position limit.</summary>
    PositionLimit,

    /// <summary>Price too far from the mid.</summary>
    PriceBand,

    /// <summary>The kill switch has stopped quoting.</summary>
    KillSwitch,

    /// <summary>Price × quantity above the largest allowed notional.</summary>
    OrderNotional,

    /// <summary>As many orders are open as allowed.</summary>
    OpenOrders,

    /// <summary>As many orders were sent in the last second as allowed.</summary>
    OrderRate,

    /// <summary>Filling it (with every open order on its side) would break a limit of the portfolio the instrument trades in.</summary>
    PortfolioLimit,
}
