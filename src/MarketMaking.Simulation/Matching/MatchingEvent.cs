using MarketMaking.Core.Orders;

namespace MarketMaking.Simulation.Matching;

/// <summary>
/// One output of the matching engine. A flat struct (no per-kind classes) so events go into a
/// reusable array without allocation; fields that do not apply to a kind are zero.
/// </summary>
public readonly record struct MatchingEvent
{
    public MatchingEventKind Kind { get; init; }

    /// <summary>The order's side; for a trade the aggressor's (taker's) side; for a book change the level's side.</summary>
    public Side Side { get; init; }

    /// <summary>The order concerned; for a trade the taker.</summary>
    public long OrderId { get; init; }

    /// <summary>Owner of <see cref="OrderId"/> (0 on a rejected cancel or amend, whose owner is unknown).</summary>
    public int Owner { get; init; }

    /// <summary>The resting order of a trade.</summary>
    public long MakerOrderId { get; init; }

    /// <summary>Owner of <see cref="MakerOrderId"/>.</summary>
    public int MakerOwner { get; init; }

    /// <summary>
    /// Ticks: the limit price (0 for a market order), the trade price, the amended price, or the
    /// level's price for a book change.
    /// </summary>
    public long Price { get; init; }

    /// <summary>
    /// Lots: the accepted size, the traded size, the cancelled size, the remaining size after an
    /// amend, the requested size of a rejected request, or the level's new total for a book change.
    /// </summary>
    public long Size { get; init; }

    /// <summary>Time of the request that caused the event, in nanoseconds.</summary>
    public long Time { get; init; }

    public OrderRejectReason RejectReason { get; init; }

    public CancelReason CancelReason { get; init; }

    /// <summary>For an amend: true when the order kept its place in the queue (a pure size decrease).</summary>
    public bool KeptPriority { get; init; }
}
