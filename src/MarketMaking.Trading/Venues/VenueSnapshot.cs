namespace MarketMaking.Trading.Venues;

/// <summary>What reconciliation asks the venue: our open orders, our position and our executions since a time (at the start, also the orders closed since the journal's last write).</summary>
/// <param name="OpenOrders">Orders open on the symbol now.</param>
/// <param name="Position">Signed position (positive long), in the venue's decimals.</param>
/// <param name="Executions">The account's executions at or after the time asked for, oldest first (another session's too: the session keeps its own).</param>
/// <param name="TakenAt">Local time (ns) the snapshot was complete.</param>
public sealed record VenueSnapshot(IReadOnlyList<VenueOrderUpdate> OpenOrders, decimal Position, IReadOnlyList<VenueExecution> Executions, long TakenAt)
{
    /// <summary>Orders closed on the venue (<see cref="IVenue.ClosedOrdersAsync"/>), asked for only by the start's reconciliation; empty otherwise.</summary>
    public IReadOnlyList<VenueOrderUpdate> ClosedOrders { get; init; } = [];

    /// <summary>Why the venue refused the order history when it was asked for (null: it answered, or was not asked).</summary>
    public string? ClosedOrdersRefusal { get; init; }
}
