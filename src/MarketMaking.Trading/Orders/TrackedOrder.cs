using MarketMaking.Core.Orders;

namespace MarketMaking.Trading.Orders;

/// <summary>
/// One order of ours on a venue: what was asked (price, quantity), what the venue said last, and
/// what has been executed. Quantities and prices are decimals, as the venue spells them.
/// </summary>
public sealed class TrackedOrder
{
    internal TrackedOrder(long localId, string linkId, Side side, decimal price, decimal quantity, bool reduceOnly, long createdAt)
    {
        LocalId = localId;
        LinkId = linkId;
        Side = side;
        Price = price;
        Quantity = quantity;
        ReduceOnly = reduceOnly;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    /// <summary>The order manager's id for it (0 for orders the session found rather than placed).</summary>
    public long LocalId { get; internal set; }

    /// <summary>Our idempotency key on the venue (<c>orderLinkId</c>): a retried request can never make a second order.</summary>
    public string LinkId { get; }

    public Side Side { get; }

    public decimal Price { get; internal set; }

    /// <summary>Total quantity of the order (filled part included), as last confirmed or asked.</summary>
    public decimal Quantity { get; internal set; }

    public bool ReduceOnly { get; }

    public OrderState State { get; internal set; } = OrderState.PendingNew;

    /// <summary>The state before it became <see cref="OrderState.Unknown"/> (what reconciliation falls back on).</summary>
    public OrderState StateBeforeUnknown { get; internal set; } = OrderState.PendingNew;

    /// <summary>
    /// A cancel was asked for: the order must not stay open, whatever the venue answered. A cancel can
    /// overtake its order's create on the way (they travel on separate connections) and be refused as
    /// "order not exists"; the order then lands, and must be cancelled again.
    /// </summary>
    public bool CancelWanted { get; internal set; }

    /// <summary>A cancel the venue refused as "order not exists" after the create had landed was sent again (once only).</summary>
    public bool CancelResent { get; internal set; }

    /// <summary>The venue's order id, once known.</summary>
    public string? ExchangeOrderId { get; internal set; }

    /// <summary>Quantity executed, summed from the executions applied (each once).</summary>
    public decimal Executed { get; internal set; }

    /// <summary>Cumulative executed quantity the venue last reported in an order update.</summary>
    public decimal VenueExecuted { get; internal set; }

    /// <summary>Venue time (ns) of the last order update applied; older updates arriving late are ignored.</summary>
    public long VenueUpdatedAt { get; internal set; }

    /// <summary>Local time (ns) the order was created in the session.</summary>
    public long CreatedAt { get; }

    /// <summary>Local time (ns) of the last change.</summary>
    public long UpdatedAt { get; internal set; }

    /// <summary>True while the create request has not been handed to the venue (held back by a rate limit).</summary>
    public bool Queued { get; internal set; }

    /// <summary>An amend on its way: the price and quantity it asks for (0 when none).</summary>
    public decimal PendingAmendPrice { get; internal set; }

    public decimal PendingAmendQuantity { get; internal set; }

    /// <summary>Requests about the order sent and not yet answered (while any is, reconciliation leaves it alone).</summary>
    public int InFlight { get; internal set; }

    /// <summary>Why the venue refused it or the session dropped it, when it did.</summary>
    public string? RejectReason { get; internal set; }

    /// <summary>Quantity still open on the venue.</summary>
    public decimal Remaining => Math.Max(Quantity - Math.Max(Executed, VenueExecuted), 0);

    /// <summary>Not final: it may still rest or fill, so it counts against the risk limits.</summary>
    public bool IsOpen => !State.IsFinal();
}
