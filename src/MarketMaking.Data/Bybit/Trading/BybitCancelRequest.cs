namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// The body of POST /v5/order/cancel (docs/v5/order/cancel-order.mdx). Null fields are not sent.
/// </summary>
public sealed record BybitCancelRequest
{
    public string Category { get; init; } = "";

    public string Symbol { get; init; } = "";

    /// <summary>Either this or <see cref="OrderLinkId"/>; Bybit uses the order id when both are given.</summary>
    public string? OrderId { get; init; }

    public string? OrderLinkId { get; init; }

    /// <summary>Spot only.</summary>
    public string? OrderFilter { get; init; }
}
