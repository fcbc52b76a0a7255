using MarketMaking.Core.Orders;

namespace MarketMaking.Trading.Venues;

/// <summary>
/// One order request, venue-neutral, in the venue's decimals. Every request names the order by
/// its <see cref="LinkId"/> (<c>orderLinkId</c>), so a retry can never create a second order.
/// </summary>
/// <param name="Kind">Create, amend, cancel or cancel-all.</param>
/// <param name="LinkId">Our id of the order (empty for cancel-all).</param>
/// <param name="Side">Buy or sell (create).</param>
/// <param name="Price">Limit price (create, amend); 0 for a market order.</param>
/// <param name="Quantity">Total quantity (create, amend).</param>
/// <param name="PostOnly">Refused by the venue rather than taking liquidity (our quotes).</param>
/// <param name="ReduceOnly">May only reduce the position (flattening on a kill).</param>
/// <param name="IsMarket">A market order (IOC), for flattening.</param>
/// <param name="SentAt">Local time (ns) the session handed it to the venue.</param>
public readonly record struct OrderCommand(
    OrderCommandKind Kind,
    string LinkId,
    Side Side,
    decimal Price,
    decimal Quantity,
    bool PostOnly,
    bool ReduceOnly,
    bool IsMarket,
    long SentAt);
