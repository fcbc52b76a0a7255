using MarketMaking.Core.Orders;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// A new order: the body of POST /v5/order/create (docs/v5/order/create-order.mdx) and one entry of
/// POST /v5/order/create-batch (docs/v5/order/batch-place.mdx). Null fields are not sent.
/// </summary>
public sealed record BybitOrderRequest
{
    /// <summary><c>linear</c>, ...: set for a single order, null inside a batch (the batch carries it).</summary>
    public string? Category { get; init; }

    public string Symbol { get; init; } = "";

    /// <summary>Spot only: 1 to borrow.</summary>
    public int? IsLeverage { get; init; }

    public Side Side { get; init; }

    public BybitOrderType OrderType { get; init; }

    /// <summary>Quantity in the base coin, on the instrument's <c>qtyStep</c> grid.</summary>
    public decimal Qty { get; init; }

    public string? MarketUnit { get; init; }

    /// <summary>Limit price on the <c>tickSize</c> grid; ignored for market orders.</summary>
    public decimal? Price { get; init; }

    public int? TriggerDirection { get; init; }

    public string? OrderFilter { get; init; }

    public decimal? TriggerPrice { get; init; }

    public string? TriggerBy { get; init; }

    public string? OrderIv { get; init; }

    /// <summary>GTC when null; market orders are always IOC.</summary>
    public BybitTimeInForce? TimeInForce { get; init; }

    /// <summary>0: one-way mode.</summary>
    public int? PositionIdx { get; init; }

    /// <summary>The caller's id (at most 36 characters: letters, digits, - and _), unique per account: a retried request with the same id cannot create a second order.</summary>
    public string? OrderLinkId { get; init; }

    public decimal? TakeProfit { get; init; }

    public decimal? StopLoss { get; init; }

    public string? TpTriggerBy { get; init; }

    public string? SlTriggerBy { get; init; }

    /// <summary>True: may only reduce the position.</summary>
    public bool? ReduceOnly { get; init; }

    public bool? CloseOnTrigger { get; init; }

    public string? SmpType { get; init; }

    public bool? Mmp { get; init; }

    public string? TpslMode { get; init; }

    public decimal? TpLimitPrice { get; init; }

    public decimal? SlLimitPrice { get; init; }

    public string? TpOrderType { get; init; }

    public string? SlOrderType { get; init; }
}
