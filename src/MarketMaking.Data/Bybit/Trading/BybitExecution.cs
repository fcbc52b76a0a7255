using System.Text.Json;
using System.Text.Json.Serialization;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit.Trading.Json;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// One fill as GET /v5/execution/list (docs/v5/order/execution.mdx) and the <c>execution</c> topic
/// (docs/v5/websocket/private/execution.mdx) describe it; fields only the stream carries are null in REST answers.
/// </summary>
public sealed record BybitExecution
{
    public string Symbol { get; init; } = "";

    public BybitOrderType OrderType { get; init; }

    public string UnderlyingPrice { get; init; } = "";

    public string OrderLinkId { get; init; } = "";

    public Side Side { get; init; }

    public string IndexPrice { get; init; } = "";

    public string OrderId { get; init; } = "";

    public string StopOrderType { get; init; } = "";

    /// <summary>The order's quantity still open after this fill.</summary>
    public decimal LeavesQty { get; init; }

    /// <summary>Fill time, ms (a string on the wire).</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long ExecTime { get; init; }

    public string FeeCurrency { get; init; } = "";

    public bool IsMaker { get; init; }

    /// <summary>Fee of this fill (negative: a rebate).</summary>
    public decimal ExecFee { get; init; }

    public decimal FeeRate { get; init; }

    /// <summary>Unique id of the fill.</summary>
    public string ExecId { get; init; } = "";

    public string TradeIv { get; init; } = "";

    public string BlockTradeId { get; init; } = "";

    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? MarkPrice { get; init; }

    public decimal ExecPrice { get; init; }

    public string MarkIv { get; init; } = "";

    public decimal OrderQty { get; init; }

    public decimal OrderPrice { get; init; }

    public decimal ExecValue { get; init; }

    public BybitExecType ExecType { get; init; }

    public decimal ExecQty { get; init; }

    /// <summary>Position size this fill closed.</summary>
    [JsonConverter(typeof(BybitBlankDecimalConverter))]
    public decimal? ClosedSize { get; init; }

    /// <summary>Extra fee details: <c>""</c> in most cases, a list for some sites.</summary>
    public JsonElement ExtraFees { get; init; } = BybitJsonValues.EmptyString;

    /// <summary>Cross sequence: the same for fills of one matching step; ties fills to position updates.</summary>
    public long Seq { get; init; }

    /// <summary>On the stream only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Category { get; init; }

    /// <summary>PnL of a closing fill: on the stream only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? ExecPnl { get; init; }

    /// <summary>On the stream only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IsLeverage { get; init; }

    /// <summary>On the stream only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MarketUnit { get; init; }

    /// <summary>On the stream only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CreateType { get; init; }
}
