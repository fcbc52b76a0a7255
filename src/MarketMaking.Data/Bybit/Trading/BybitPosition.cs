using System.Text.Json.Serialization;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit.Trading.Json;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// A position as GET /v5/position/list (docs/v5/position/position.mdx) and the <c>position</c> topic
/// (docs/v5/websocket/private/position.mdx) describe it. The two name the entry price and one time
/// field differently; each name is null (and not written) where Bybit does not send it.
/// </summary>
public sealed record BybitPosition
{
    /// <summary>0 in one-way mode.</summary>
    public int PositionIdx { get; init; }

    public int RiskId { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? RiskLimitValue { get; init; }

    public string Symbol { get; init; } = "";

    /// <summary>Buy (long), Sell (short), null (<c>""</c>) when flat.</summary>
    [JsonConverter(typeof(BybitBlankSideConverter))]
    public Side? Side { get; init; }

    /// <summary>Position size, always positive.</summary>
    public decimal Size { get; init; }

    /// <summary>Average entry price: REST answers (the stream calls it <see cref="EntryPrice"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? AvgPrice { get; init; }

    /// <summary>Average entry price: on the stream (REST calls it <see cref="AvgPrice"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? EntryPrice { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? PositionValue { get; init; }

    public int TradeMode { get; init; }

    /// <summary><c>Normal</c>, <c>Liq</c>, <c>Adl</c>.</summary>
    public string PositionStatus { get; init; } = "";

    public int AutoAddMargin { get; init; }

    public int AdlRankIndicator { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? Leverage { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? BreakEvenPrice { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? PositionBalance { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? MarkPrice { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? LiqPrice { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? BustPrice { get; init; }

    [JsonPropertyName("positionMM")]
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? PositionMM { get; init; }

    [JsonPropertyName("positionMMByMp")]
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? PositionMMByMp { get; init; }

    [JsonPropertyName("positionIM")]
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? PositionIM { get; init; }

    [JsonPropertyName("positionIMByMp")]
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? PositionIMByMp { get; init; }

    public string TpslMode { get; init; } = "";

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? TakeProfit { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? StopLoss { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? TrailingStop { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? UnrealisedPnl { get; init; }

    /// <summary>Realised PnL of the current holding.</summary>
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? CurRealisedPnl { get; init; }

    /// <summary>All-time realised PnL of the symbol.</summary>
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? CumRealisedPnl { get; init; }

    /// <summary>Cross sequence of the last fill that changed the position (-1: never traded).</summary>
    public long Seq { get; init; }

    public bool IsReduceOnly { get; init; }

    /// <summary>REST answers spell it so (the stream: <see cref="MmrSysUpdatedTime"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MmrSysUpdateTime { get; init; }

    /// <summary>On the stream only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MmrSysUpdatedTime { get; init; }

    public string LeverageSysUpdatedTime { get; init; } = "";

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? SessionAvgPrice { get; init; }

    /// <summary>ms (a string on the wire).</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long CreatedTime { get; init; }

    /// <summary>ms (a string on the wire).</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long UpdatedTime { get; init; }

    /// <summary>On the stream only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Category { get; init; }

    /// <summary>The average entry price under whichever name it came (REST <c>avgPrice</c>, stream <c>entryPrice</c>).</summary>
    [JsonIgnore]
    public decimal? AverageEntryPrice => AvgPrice ?? EntryPrice;
}
