namespace MarketMaking.Simulation.Matching;

/// <summary>Why a request was refused. A refused request changes nothing in the book.</summary>
public enum OrderRejectReason
{
    /// <summary>Not rejected.</summary>
    None = 0,

    /// <summary>A limit price (or amended price) of zero ticks or less.</summary>
    NonPositivePrice = 1,

    /// <summary>A size (or amended size) of zero lots or less.</summary>
    NonPositiveSize = 2,

    /// <summary>A decimal price that is not a whole number of ticks (or is not finite).</summary>
    OffTickGrid = 3,

    /// <summary>A decimal quantity that is not a whole number of lots (or is not finite).</summary>
    OffLotGrid = 4,

    /// <summary>Cancel or amend of an id that is not resting in the book.</summary>
    UnknownOrder = 5,

    /// <summary>A new order whose id is already used by a resting order.</summary>
    DuplicateOrderId = 6,

    /// <summary>A post-only order (new or amended) whose price would cross the opposite side.</summary>
    PostOnlyWouldCross = 7,

    /// <summary>A fill-or-kill order that cannot be filled in full at once.</summary>
    FillOrKillNotFillable = 8,

    /// <summary>A side that is neither Buy nor Sell.</summary>
    InvalidSide = 9,

    /// <summary>An order type outside <see cref="OrderType"/>.</summary>
    InvalidOrderType = 10,
}
