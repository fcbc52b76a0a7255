namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// GET /v5/order/history parameters (docs/v5/order/order-list.mdx): orders created within at most
/// seven days between <see cref="StartTime"/> and <see cref="EndTime"/> (ms; the last seven days by
/// default), newest first. Bybit keeps fully cancelled and rejected orders for a day, filled ones for
/// seven days, and beyond that only orders that traded.
/// </summary>
public sealed record BybitOrderHistoryQuery(string Category, string? Symbol = null)
{
    public string? BaseCoin { get; init; }

    public string? SettleCoin { get; init; }

    public string? OrderId { get; init; }

    public string? OrderLinkId { get; init; }

    public string? OrderFilter { get; init; }

    public BybitOrderStatus? OrderStatus { get; init; }

    public long? StartTime { get; init; }

    public long? EndTime { get; init; }

    /// <summary>Page size, 1 to 50 (Bybit's default 20).</summary>
    public int? Limit { get; init; }

    public string? Cursor { get; init; }
}
