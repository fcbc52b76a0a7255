namespace MarketMaking.Trading.Orders;

/// <summary>The venue's order endpoints, each with its own rate limit.</summary>
public enum VenueEndpoint
{
    Create,
    Amend,
    Cancel,
    CancelAll,

    /// <summary>Open orders, executions, positions (reconciliation and polling).</summary>
    Query,
}
