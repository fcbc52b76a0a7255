using System.Text.Json.Serialization;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit.Trading.Json;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// An order as GET /v5/order/realtime (docs/v5/order/open-order.mdx) and the <c>order</c> topic
/// (docs/v5/websocket/private/order.mdx) describe it. Prices and quantities are exact decimals, as
/// on the wire; a null blank decimal is Bybit's <c>""</c>. Fields only one of the two carries are
/// null (and not written) in the other.
/// </summary>
public sealed record BybitOrder
{
    public string OrderId { get; init; } = "";

    public string OrderLinkId { get; init; } = "";

    public string BlockTradeId { get; init; } = "";

    public string Symbol { get; init; } = "";

    /// <summary>Limit price (null: <c>""</c>).</summary>
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? Price { get; init; }

    public decimal Qty { get; init; }

    public Side Side { get; init; }

    /// <summary><c>"0"</c>/<c>"1"</c> (or <c>""</c>): in REST answers only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IsLeverage { get; init; }

    /// <summary>0 in one-way mode.</summary>
    public int PositionIdx { get; init; }

    public BybitOrderStatus OrderStatus { get; init; }

    public BybitCancelType CancelType { get; init; }

    public BybitRejectReason RejectReason { get; init; }

    /// <summary>Average fill price (null: <c>""</c>, no fill yet).</summary>
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? AvgPrice { get; init; }

    /// <summary>Quantity still open.</summary>
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? LeavesQty { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? LeavesValue { get; init; }

    public decimal CumExecQty { get; init; }

    public decimal CumExecValue { get; init; }

    /// <summary>Inverse and option; deprecated for linear (see <see cref="CumFeeDetail"/>).</summary>
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? CumExecFee { get; init; }

    public BybitTimeInForce TimeInForce { get; init; }

    public BybitOrderType OrderType { get; init; }

    /// <summary><c>UNKNOWN</c> or <c>""</c> for a plain order.</summary>
    public string StopOrderType { get; init; } = "";

    public string OrderIv { get; init; } = "";

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? TriggerPrice { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? TakeProfit { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? StopLoss { get; init; }

    public string TpTriggerBy { get; init; } = "";

    public string SlTriggerBy { get; init; } = "";

    public int TriggerDirection { get; init; }

    public string TriggerBy { get; init; } = "";

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? LastPriceOnCreated { get; init; }

    public bool ReduceOnly { get; init; }

    public bool CloseOnTrigger { get; init; }

    public string SmpType { get; init; } = "";

    public int SmpGroup { get; init; }

    public string SmpOrderId { get; init; } = "";

    public string TpslMode { get; init; } = "";

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? TpLimitPrice { get; init; }

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? SlLimitPrice { get; init; }

    public string PlaceType { get; init; } = "";

    /// <summary>Slippage tolerance type of a market order (<c>TickSize</c>, <c>Percent</c>, <c>UNKNOWN</c>): in the order history only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SlippageToleranceType { get; init; }

    /// <summary>In the order history only (a string, empty when none).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SlippageTolerance { get; init; }

    /// <summary>Creation time, ms (a string on the wire).</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long CreatedTime { get; init; }

    /// <summary>Last update, ms (a string on the wire).</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long UpdatedTime { get; init; }

    /// <summary>Fee rate information of some spot orders, empty otherwise: in the order history only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ExtraFees { get; init; }

    /// <summary>Linear and spot: cumulative fees by coin.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, decimal>? CumFeeDetail { get; init; }

    /// <summary><c>linear</c>, ...: on the stream only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Category { get; init; }

    /// <summary>Closed PnL of a closing order: on the stream only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? ClosedPnl { get; init; }

    /// <summary>Deprecated spot fee currency: on the stream only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FeeCurrency { get; init; }

    /// <summary>On the stream and in the order history only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? RpiTakerAccess { get; init; }

    /// <summary>On the stream and in the order history only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? RpiMatchedQty { get; init; }
}
