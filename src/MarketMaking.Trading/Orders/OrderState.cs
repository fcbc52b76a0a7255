namespace MarketMaking.Trading.Orders;

/// <summary>Where one of our orders stands, as far as the session knows.</summary>
public enum OrderState
{
    /// <summary>Sent (or queued to be sent); the venue has not confirmed it yet.</summary>
    PendingNew,

    /// <summary>Resting on the venue, nothing filled.</summary>
    New,

    /// <summary>Resting on the venue, part filled.</summary>
    PartiallyFilled,

    /// <summary>A cancel is on its way; the order may still fill until it lands.</summary>
    PendingCancel,

    /// <summary>Completely filled (final).</summary>
    Filled,

    /// <summary>Cancelled, by us or by the venue, possibly after part fills (final).</summary>
    Cancelled,

    /// <summary>Refused by the venue, or dropped before it was ever sent (final).</summary>
    Rejected,

    /// <summary>A request about it timed out or failed oddly: open or not, only reconciliation can tell.</summary>
    Unknown,
}
