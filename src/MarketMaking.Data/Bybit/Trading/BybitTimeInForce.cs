using System.Text.Json.Serialization;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>Bybit's <c>timeInForce</c> (docs/v5/enum.mdx#timeinforce).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BybitTimeInForce>))]
public enum BybitTimeInForce
{
    /// <summary><c>GTC</c>: rests until filled or cancelled (the default).</summary>
    [JsonStringEnumMemberName("GTC")]
    GoodTillCancel,

    /// <summary><c>IOC</c>: trades what it can at once; the rest is cancelled (market orders always).</summary>
    [JsonStringEnumMemberName("IOC")]
    ImmediateOrCancel,

    /// <summary><c>FOK</c>: fills in full at once or is cancelled with nothing filled.</summary>
    [JsonStringEnumMemberName("FOK")]
    FillOrKill,

    /// <summary><c>PostOnly</c>: cancelled instead of taking liquidity.</summary>
    PostOnly,

    /// <summary><c>RPI</c>: Retail Price Improvement, a post-only order for approved market makers.</summary>
    [JsonStringEnumMemberName("RPI")]
    RetailPriceImprovement,
}
