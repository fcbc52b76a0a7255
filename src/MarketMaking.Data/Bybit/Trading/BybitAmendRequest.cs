namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// The body of POST /v5/order/amend (docs/v5/order/amend-order.mdx): an open order's new price and/or
/// quantity. Null fields are not sent (and not changed).
/// </summary>
public sealed record BybitAmendRequest
{
    public string Category { get; init; } = "";

    public string Symbol { get; init; } = "";

    /// <summary>Either this or <see cref="OrderLinkId"/>; Bybit uses the order id when both are given.</summary>
    public string? OrderId { get; init; }

    public string? OrderLinkId { get; init; }

    public string? OrderIv { get; init; }

    public decimal? TriggerPrice { get; init; }

    /// <summary>New total quantity (null: unchanged).</summary>
    public decimal? Qty { get; init; }

    /// <summary>New price (null: unchanged).</summary>
    public decimal? Price { get; init; }

    public string? TpslMode { get; init; }

    public decimal? TakeProfit { get; init; }

    public decimal? StopLoss { get; init; }

    public string? TpTriggerBy { get; init; }

    public string? SlTriggerBy { get; init; }

    public string? TriggerBy { get; init; }

    public decimal? TpLimitPrice { get; init; }

    public decimal? SlLimitPrice { get; init; }
}
