namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// The body of POST /v5/order/create-batch (docs/v5/order/batch-place.mdx).
/// </summary>
public sealed record BybitBatchOrderRequest
{
    public string Category { get; init; } = "";

    /// <summary>The orders, each without a category (at most 20 for linear).</summary>
    public IReadOnlyList<BybitOrderRequest> Request { get; init; } = [];
}
