using System.Text.Json.Serialization;
using MarketMaking.Data.Bybit.Trading.Json;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// One coin of a <see cref="BybitWallet"/>.
/// </summary>
public sealed record BybitCoinBalance
{
    public string Coin { get; init; } = "";

    /// <summary>Wallet balance + unrealised PnL.</summary>
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? Equity { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? UsdValue { get; init; }

    /// <summary>Cash: deposits + realised PnL − fees.</summary>
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? WalletBalance { get; init; }

    /// <summary>Deprecated.</summary>
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? AvailableToWithdraw { get; init; }

    /// <summary>Deprecated.</summary>
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? AvailableToBorrow { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? BorrowAmount { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? AccruedInterest { get; init; }

    [JsonPropertyName("totalOrderIM")]
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? TotalOrderIM { get; init; }

    [JsonPropertyName("totalPositionIM")]
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? TotalPositionIM { get; init; }

    [JsonPropertyName("totalPositionMM")]
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? TotalPositionMM { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? UnrealisedPnl { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? CumRealisedPnl { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? Bonus { get; init; }

    public bool CollateralSwitch { get; init; }

    public bool MarginCollateral { get; init; }

    /// <summary>
    /// The platform's collateral restriction: "-1" unknown, "0" off, "1" off but near the limit, "2" on
    /// (added 2026-05-28; the documented examples predate it, so absent is not written).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ColRes { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? Locked { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? SpotHedgingQty { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? SpotBorrow { get; init; }
}
