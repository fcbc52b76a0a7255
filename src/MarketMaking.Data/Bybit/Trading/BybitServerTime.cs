using System.Text.Json.Serialization;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>The result of GET /v5/market/time (docs/v5/market/time.mdx); both values are strings on the wire.</summary>
public sealed record BybitServerTime
{
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long TimeSecond { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long TimeNano { get; init; }
}
