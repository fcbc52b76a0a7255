using System.Text.Json.Serialization;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>Bybit's <c>execType</c> (docs/v5/enum.mdx#exectype).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BybitExecType>))]
public enum BybitExecType
{
    Trade,

    /// <summary>Auto-deleveraging.</summary>
    AdlTrade,

    /// <summary>Funding fee.</summary>
    Funding,

    /// <summary>Takeover liquidation.</summary>
    BustTrade,

    /// <summary>USDT futures delivery; position closed due to delisting.</summary>
    Delivery,

    /// <summary>Inverse futures settlement.</summary>
    Settle,

    BlockTrade,

    MovePosition,

    /// <summary>Spread leg execution.</summary>
    FutureSpread,

    /// <summary>Stock split or reverse stock split.</summary>
    CorporateAction,

    /// <summary><c>UNKNOWN</c>: may be returned by a classic account.</summary>
    [JsonStringEnumMemberName("UNKNOWN")]
    Unknown,
}
