namespace MarketMaking.Data.Bybit.Trading;

/// <summary>The result of POST /v5/order/create-batch: one entry per order, in request order.</summary>
public sealed record BybitBatchResult
{
    public IReadOnlyList<BybitBatchOrderAck> List { get; init; } = [];
}
