using System.Text.Json.Serialization;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary><c>retExtInfo</c>: <c>{}</c>, or for a batch request one <c>{code, msg}</c> per order, in request order.</summary>
public sealed record BybitExtInfo
{
    public static BybitExtInfo Empty { get; } = new();

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<BybitBatchStatus>? List { get; init; }
}
