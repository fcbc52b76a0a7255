using System.Text.Json.Serialization;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>Bybit's <c>orderType</c> (docs/v5/enum.mdx#ordertype).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BybitOrderType>))]
public enum BybitOrderType
{
    Market,

    Limit,

    /// <summary><c>UNKNOWN</c>: only in responses (a funding execution), never a valid request value.</summary>
    [JsonStringEnumMemberName("UNKNOWN")]
    Unknown,
}
