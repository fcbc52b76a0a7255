using MarketMaking.Core.Orders;

namespace MarketMaking.Trading.Venues;

/// <summary>An order's state as the venue reports it (private stream, or open orders in reconciliation).</summary>
/// <param name="LinkId">Our id (<c>orderLinkId</c>); empty for orders placed elsewhere.</param>
/// <param name="ExchangeOrderId">The venue's id.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Status">What the venue says.</param>
/// <param name="Price">Limit price.</param>
/// <param name="Quantity">Total quantity.</param>
/// <param name="CumulativeExecuted">Quantity executed so far.</param>
/// <param name="UpdatedTime">The venue's time of this state (ns).</param>
/// <param name="Reason">Why it was cancelled or rejected, when said.</param>
public sealed record VenueOrderUpdate(
    string LinkId,
    string ExchangeOrderId,
    Side Side,
    VenueOrderStatus Status,
    decimal Price,
    decimal Quantity,
    decimal CumulativeExecuted,
    long UpdatedTime,
    string Reason = "") : PrivateUpdate;
