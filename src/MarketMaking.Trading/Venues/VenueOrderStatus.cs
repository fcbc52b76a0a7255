namespace MarketMaking.Trading.Venues;

/// <summary>An order's status as a venue reports it (Bybit's <c>orderStatus</c>, folded to what the session needs).</summary>
public enum VenueOrderStatus
{
    /// <summary>Resting, nothing filled (Bybit: New, Untriggered, Triggered).</summary>
    New,

    PartiallyFilled,

    Filled,

    /// <summary>Cancelled, possibly after part fills (Bybit: Cancelled, PartiallyFilledCanceled, Deactivated).</summary>
    Cancelled,

    Rejected,
}
