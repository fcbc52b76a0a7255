using System.Text.Json.Serialization;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>One order of a batch-place result (docs/v5/order/batch-place.mdx); its outcome is the matching <c>retExtInfo.list</c> entry.</summary>
public sealed record BybitBatchOrderAck
{
    public string Category { get; init; } = "";

    public string Symbol { get; init; } = "";

    public string OrderId { get; init; } = "";

    public string OrderLinkId { get; init; } = "";

    /// <summary>Creation time, ms (a string on the wire).</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long CreateAt { get; init; }
}
