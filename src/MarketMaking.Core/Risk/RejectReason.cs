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
}
