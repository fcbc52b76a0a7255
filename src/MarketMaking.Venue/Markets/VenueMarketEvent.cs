using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Matching;

namespace MarketMaking.Venue.Markets;

/// <summary>One outcome of a market step for the venue: its clients' orders and the public tape, in ticks and lots.</summary>
public readonly record struct VenueMarketEvent
{
    public VenueMarketEventKind Kind { get; init; }

    /// <summary>The market's id of the client's order (0 for a public trade).</summary>
    public long OrderId { get; init; }

    /// <summary>The order's side; for a public trade the aggressor's.</summary>
    public Side Side { get; init; }

    /// <summary>Ticks: the trade price, or the new price of an amend.</summary>
    public long Price { get; init; }

    /// <summary>Lots: traded, left the book, or the new remaining size of an amend.</summary>
    public long Size { get; init; }

    /// <summary>For a fill: the order was resting (maker) rather than taking.</summary>
    public bool IsMaker { get; init; }

    /// <summary>For an amend: the order kept its queue place.</summary>
    public bool KeptPriority { get; init; }

    public CancelReason CancelReason { get; init; }

    public OrderRejectReason RejectReason { get; init; }
}
