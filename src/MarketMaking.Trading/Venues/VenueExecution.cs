using MarketMaking.Core.Orders;

namespace MarketMaking.Trading.Venues;

/// <summary>One execution (fill) of one of our orders, in the venue's decimals.</summary>
/// <param name="ExecutionId">The venue's unique id of the execution: the key that makes each count once.</param>
/// <param name="LinkId">Our id of the order (empty for orders placed elsewhere).</param>
/// <param name="ExchangeOrderId">The venue's id of the order.</param>
/// <param name="Side">Our side: buy or sell.</param>
/// <param name="Price">Execution price.</param>
/// <param name="Quantity">Executed quantity.</param>
/// <param name="Fee">Fee paid in the quote currency (negative: a rebate).</param>
/// <param name="IsMaker">True when our order was resting.</param>
/// <param name="ExecutionTime">The venue's time of the execution (ns).</param>
public sealed record VenueExecution(
    string ExecutionId,
    string LinkId,
    string ExchangeOrderId,
    Side Side,
    decimal Price,
    decimal Quantity,
    decimal Fee,
    bool IsMaker,
    long ExecutionTime) : PrivateUpdate;
