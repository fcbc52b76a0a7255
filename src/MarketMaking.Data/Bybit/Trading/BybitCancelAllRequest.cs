namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// The body of POST /v5/order/cancel-all (docs/v5/order/cancel-all.mdx). Null fields are not sent.
/// </summary>
public sealed record BybitCancelAllRequest
{
    public string Category { get; init; } = "";

    /// <summary>For linear, one of symbol, base coin or settle coin is required.</summary>
    public string? Symbol { get; init; }

    public string? BaseCoin { get; init; }

    public string? SettleCoin { get; init; }

    public string? OrderFilter { get; init; }

    public string? StopOrderType { get; init; }
}
