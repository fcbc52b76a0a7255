using System.Text.Json.Serialization;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>The result of POST /v5/order/cancel-all (docs/v5/order/cancel-all.mdx): the orders cancelled.</summary>
public sealed record BybitCancelAllResult
{
    public IReadOnlyList<BybitOrderAck> List { get; init; } = [];

    /// <summary><c>"1"</c> success, <c>"0"</c> failure (absent for UTA 1.0 inverse).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Success { get; init; }
}
