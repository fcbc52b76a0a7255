using System.Text.Json.Serialization;
using MarketMaking.Data.Bybit.Trading.Json;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// An account's balances as GET /v5/account/wallet-balance (docs/v5/account/wallet-balance.mdx) and
/// the <c>wallet</c> topic (docs/v5/websocket/private/wallet.mdx) describe them: account totals in USD, then one entry per coin.
/// </summary>
public sealed record BybitWallet
{
    /// <summary><c>UNIFIED</c>.</summary>
    public string AccountType { get; init; } = "";

    [JsonPropertyName("accountIMRate")]
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? AccountIMRate { get; init; }

    [JsonPropertyName("accountMMRate")]
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? AccountMMRate { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? TotalEquity { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? TotalWalletBalance { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? TotalMarginBalance { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? TotalAvailableBalance { get; init; }

    [JsonPropertyName("totalPerpUPL")]
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? TotalPerpUPL { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? TotalInitialMargin { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? TotalMaintenanceMargin { get; init; }

    [JsonPropertyName("accountIMRateByMp")]
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? AccountIMRateByMp { get; init; }

    [JsonPropertyName("accountMMRateByMp")]
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? AccountMMRateByMp { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? TotalInitialMarginByMp { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? TotalMaintenanceMarginByMp { get; init; }

    /// <summary>Deprecated.</summary>
    [JsonPropertyName("accountLTV")]
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? AccountLTV { get; init; }

    public IReadOnlyList<BybitCoinBalance> Coin { get; init; } = [];
}
