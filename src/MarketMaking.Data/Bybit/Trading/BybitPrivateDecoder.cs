using System.Buffers.Text;
using System.Text.Json;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit.Trading.Json;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// The private stream's <c>order</c> and <c>execution</c> pushes, read in one forward pass over
/// their bytes into the same records the source-generated serializer makes (fields in any order,
/// unknown ones skipped, the same converters for decimals, sides and Bybit's enums). The serializer
/// builds these init-only records through its constructor-argument path, which boxes every
/// decimal and number of every order: at a fill's pace that was most of what a session allocated.
/// What it refuses is refused here too (a <see cref="JsonException"/>, <see cref="FormatException"/>
/// or <see cref="InvalidOperationException"/>).
/// </summary>
internal static class BybitPrivateDecoder
{
    private static readonly BybitTradingJsonContext Json = BybitTradingJsonContext.Default;
    private static readonly Utf8Texts Texts = new(1024);

    public static BybitStreamMessage<BybitOrder> Orders(ReadOnlySpan<byte> utf8) => Message<BybitOrder>(utf8, Order);

    public static BybitStreamMessage<BybitExecution> Executions(ReadOnlySpan<byte> utf8) => Message<BybitExecution>(utf8, Execution);

    private delegate T Record<T>(ref Utf8JsonReader reader);

    private static BybitStreamMessage<T> Message<T>(ReadOnlySpan<byte> utf8, Record<T> read)
    {
        var reader = new Utf8JsonReader(utf8);
        Start(ref reader, "a message");
        string id = "", topic = "";
        long creationTime = 0;
        IReadOnlyList<T> data = [];
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.GetString()!;
            }
            else if (reader.ValueTextEquals("topic"u8))
            {
                reader.Read();
                topic = Text(ref reader);
            }
            else if (reader.ValueTextEquals("creationTime"u8))
            {
                reader.Read();
                creationTime = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    data = [];
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new JsonException("data must be an array");
                }

                var records = new List<T>(1);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    records.Add(read(ref reader));
                }

                data = records;
            }
            else
            {
                reader.Skip();
            }
        }

        if (reader.Read())
        {
            throw new JsonException("something follows the message");
        }

        return new BybitStreamMessage<T> { Id = id, Topic = topic, CreationTime = creationTime, Data = data };
    }

    private static BybitOrder Order(ref Utf8JsonReader reader)
    {
        Start(ref reader, "an order");
        Span<byte> unescaped = stackalloc byte[NameBytes];
        string orderId = "", orderLinkId = "", blockTradeId = "", symbol = "", stopOrderType = "", orderIv = "", tpTriggerBy = "", slTriggerBy = "", triggerBy = "", smpType = "", smpOrderId = "", tpslMode = "", placeType = "";
        string? isLeverage = null, category = null, feeCurrency = null;
        decimal? price = null, avgPrice = null, leavesQty = null, leavesValue = null, cumExecFee = null, triggerPrice = null, takeProfit = null, stopLoss = null, lastPriceOnCreated = null, tpLimitPrice = null, slLimitPrice = null, closedPnl = null, rpiMatchedQty = null;
        decimal qty = 0, cumExecQty = 0, cumExecValue = 0;
        Side side = default;
        int positionIdx = 0, triggerDirection = 0, smpGroup = 0;
        BybitOrderStatus orderStatus = default;
        BybitCancelType cancelType = default;
        BybitRejectReason rejectReason = default;
        BybitTimeInForce timeInForce = default;
        BybitOrderType orderType = default;
        bool reduceOnly = false, closeOnTrigger = false;
        bool? rpiTakerAccess = null;
        long createdTime = 0, updatedTime = 0;
        IReadOnlyDictionary<string, decimal>? cumFeeDetail = null;
        while (NextProperty(ref reader))
        {
            ReadOnlySpan<byte> name = Name(in reader, unescaped);
            reader.Read();
            switch (name)
            {
                case var _ when name.SequenceEqual("orderId"u8): orderId = Text(ref reader); break;
                case var _ when name.SequenceEqual("orderLinkId"u8): orderLinkId = Text(ref reader); break;
                case var _ when name.SequenceEqual("symbol"u8): symbol = Text(ref reader); break;
                case var _ when name.SequenceEqual("price"u8): price = BlankDecimal(ref reader); break;
                case var _ when name.SequenceEqual("qty"u8): qty = BybitDecimalConverter.ReadDecimal(ref reader); break;
                case var _ when name.SequenceEqual("side"u8): side = SideOf(ref reader); break;
                case var _ when name.SequenceEqual("orderStatus"u8): orderStatus = BybitOrderStatusNames.Read(ref reader); break;
                case var _ when name.SequenceEqual("leavesQty"u8): leavesQty = BlankDecimal(ref reader); break;
                case var _ when name.SequenceEqual("cumExecQty"u8): cumExecQty = BybitDecimalConverter.ReadDecimal(ref reader); break;
                case var _ when name.SequenceEqual("cumExecValue"u8): cumExecValue = BybitDecimalConverter.ReadDecimal(ref reader); break;
                case var _ when name.SequenceEqual("avgPrice"u8): avgPrice = BlankDecimal(ref reader); break;
                case var _ when name.SequenceEqual("updatedTime"u8): updatedTime = Milliseconds(ref reader); break;
                case var _ when name.SequenceEqual("createdTime"u8): createdTime = Milliseconds(ref reader); break;
                case var _ when name.SequenceEqual("blockTradeId"u8): blockTradeId = Text(ref reader); break;
                case var _ when name.SequenceEqual("isLeverage"u8): isLeverage = Texts.Read(ref reader); break;
                case var _ when name.SequenceEqual("positionIdx"u8): positionIdx = reader.GetInt32(); break;
                case var _ when name.SequenceEqual("cancelType"u8): cancelType = BybitCancelTypeNames.Read(ref reader); break;
                case var _ when name.SequenceEqual("rejectReason"u8): rejectReason = BybitRejectReasonNames.Read(ref reader); break;
                case var _ when name.SequenceEqual("leavesValue"u8): leavesValue = BlankDecimal(ref reader); break;
                case var _ when name.SequenceEqual("cumExecFee"u8): cumExecFee = BlankDecimal(ref reader); break;
                case var _ when name.SequenceEqual("timeInForce"u8): timeInForce = BybitTimeInForceNames.Read(ref reader); break;
                case var _ when name.SequenceEqual("orderType"u8): orderType = BybitOrderTypeNames.Read(ref reader); break;
                case var _ when name.SequenceEqual("stopOrderType"u8): stopOrderType = Text(ref reader); break;
                case var _ when name.SequenceEqual("orderIv"u8): orderIv = Text(ref reader); break;
                case var _ when name.SequenceEqual("triggerPrice"u8): triggerPrice = BlankDecimal(ref reader); break;
                case var _ when name.SequenceEqual("takeProfit"u8): takeProfit = BlankDecimal(ref reader); break;
                case var _ when name.SequenceEqual("stopLoss"u8): stopLoss = BlankDecimal(ref reader); break;
                case var _ when name.SequenceEqual("tpTriggerBy"u8): tpTriggerBy = Text(ref reader); break;
                case var _ when name.SequenceEqual("slTriggerBy"u8): slTriggerBy = Text(ref reader); break;
                case var _ when name.SequenceEqual("triggerDirection"u8): triggerDirection = reader.GetInt32(); break;
                case var _ when name.SequenceEqual("triggerBy"u8): triggerBy = Text(ref reader); break;
                case var _ when name.SequenceEqual("lastPriceOnCreated"u8): lastPriceOnCreated = BlankDecimal(ref reader); break;
                case var _ when name.SequenceEqual("reduceOnly"u8): reduceOnly = reader.GetBoolean(); break;
                case var _ when name.SequenceEqual("closeOnTrigger"u8): closeOnTrigger = reader.GetBoolean(); break;
                case var _ when name.SequenceEqual("smpType"u8): smpType = Text(ref reader); break;
                case var _ when name.SequenceEqual("smpGroup"u8): smpGroup = reader.GetInt32(); break;
                case var _ when name.SequenceEqual("smpOrderId"u8): smpOrderId = Text(ref reader); break;
                case var _ when name.SequenceEqual("tpslMode"u8): tpslMode = Text(ref reader); break;
                case var _ when name.SequenceEqual("tpLimitPrice"u8): tpLimitPrice = BlankDecimal(ref reader); break;
                case var _ when name.SequenceEqual("slLimitPrice"u8): slLimitPrice = BlankDecimal(ref reader); break;
                case var _ when name.SequenceEqual("placeType"u8): placeType = Text(ref reader); break;
                case var _ when name.SequenceEqual("cumFeeDetail"u8): cumFeeDetail = FeeDetail(ref reader); break;
                case var _ when name.SequenceEqual("category"u8): category = Texts.Read(ref reader); break;
                case var _ when name.SequenceEqual("closedPnl"u8): closedPnl = NullableDecimal(ref reader); break;
                case var _ when name.SequenceEqual("feeCurrency"u8): feeCurrency = Texts.Read(ref reader); break;
                case var _ when name.SequenceEqual("rpiTakerAccess"u8): rpiTakerAccess = reader.TokenType == JsonTokenType.Null ? null : reader.GetBoolean(); break;
                case var _ when name.SequenceEqual("rpiMatchedQty"u8): rpiMatchedQty = NullableDecimal(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new BybitOrder
        {
            OrderId = orderId, OrderLinkId = orderLinkId, BlockTradeId = blockTradeId, Symbol = symbol, Price = price, Qty = qty, Side = side,
            IsLeverage = isLeverage, PositionIdx = positionIdx, OrderStatus = orderStatus, CancelType = cancelType, RejectReason = rejectReason,
            AvgPrice = avgPrice, LeavesQty = leavesQty, LeavesValue = leavesValue, CumExecQty = cumExecQty, CumExecValue = cumExecValue, CumExecFee = cumExecFee,
            TimeInForce = timeInForce, OrderType = orderType, StopOrderType = stopOrderType, OrderIv = orderIv, TriggerPrice = triggerPrice,
            TakeProfit = takeProfit, StopLoss = stopLoss, TpTriggerBy = tpTriggerBy, SlTriggerBy = slTriggerBy, TriggerDirection = triggerDirection,
            TriggerBy = triggerBy, LastPriceOnCreated = lastPriceOnCreated, ReduceOnly = reduceOnly, CloseOnTrigger = closeOnTrigger, SmpType = smpType,
            SmpGroup = smpGroup, SmpOrderId = smpOrderId, TpslMode = tpslMode, TpLimitPrice = tpLimitPrice, SlLimitPrice = slLimitPrice, PlaceType = placeType,
            CreatedTime = createdTime, UpdatedTime = updatedTime, CumFeeDetail = cumFeeDetail, Category = category, ClosedPnl = closedPnl,
            FeeCurrency = feeCurrency, RpiTakerAccess = rpiTakerAccess, RpiMatchedQty = rpiMatchedQty,
        };
    }

    private static BybitExecution Execution(ref Utf8JsonReader reader)
    {
        Start(ref reader, "an execution");
        Span<byte> unescaped = stackalloc byte[NameBytes];
        string symbol = "", underlyingPrice = "", orderLinkId = "", indexPrice = "", orderId = "", stopOrderType = "", feeCurrency = "", execId = "", tradeIv = "", blockTradeId = "", markIv = "";
        string? category = null, isLeverage = null, marketUnit = null, createType = null;
        BybitOrderType orderType = default;
        BybitExecType execType = default;
        Side side = default;
        decimal leavesQty = 0, execFee = 0, feeRate = 0, execPrice = 0, orderQty = 0, orderPrice = 0, execValue = 0, execQty = 0;
        decimal? markPrice = null, closedSize = null, execPnl = null;
        long execTime = 0, seq = 0;
        bool isMaker = false;
        JsonElement extraFees = BybitJsonValues.EmptyString;
        while (NextProperty(ref reader))
        {
            ReadOnlySpan<byte> name = Name(in reader, unescaped);
            reader.Read();
            switch (name)
            {
                case var _ when name.SequenceEqual("symbol"u8): symbol = Text(ref reader); break;
                case var _ when name.SequenceEqual("orderId"u8): orderId = Text(ref reader); break;
                case var _ when name.SequenceEqual("orderLinkId"u8): orderLinkId = Text(ref reader); break;
                case var _ when name.SequenceEqual("side"u8): side = SideOf(ref reader); break;
                case var _ when name.SequenceEqual("execId"u8): execId = reader.GetString()!; break;
                case var _ when name.SequenceEqual("execPrice"u8): execPrice = BybitDecimalConverter.ReadDecimal(ref reader); break;
                case var _ when name.SequenceEqual("execQty"u8): execQty = BybitDecimalConverter.ReadDecimal(ref reader); break;
                case var _ when name.SequenceEqual("execFee"u8): execFee = BybitDecimalConverter.ReadDecimal(ref reader); break;
                case var _ when name.SequenceEqual("execTime"u8): execTime = Milliseconds(ref reader); break;
                case var _ when name.SequenceEqual("isMaker"u8): isMaker = reader.GetBoolean(); break;
                case var _ when name.SequenceEqual("leavesQty"u8): leavesQty = BybitDecimalConverter.ReadDecimal(ref reader); break;
                case var _ when name.SequenceEqual("orderType"u8): orderType = BybitOrderTypeNames.Read(ref reader); break;
                case var _ when name.SequenceEqual("execType"u8): execType = BybitExecTypeNames.Read(ref reader); break;
                case var _ when name.SequenceEqual("underlyingPrice"u8): underlyingPrice = Text(ref reader); break;
                case var _ when name.SequenceEqual("indexPrice"u8): indexPrice = Text(ref reader); break;
                case var _ when name.SequenceEqual("stopOrderType"u8): stopOrderType = Text(ref reader); break;
                case var _ when name.SequenceEqual("feeCurrency"u8): feeCurrency = Text(ref reader); break;
                case var _ when name.SequenceEqual("feeRate"u8): feeRate = BybitDecimalConverter.ReadDecimal(ref reader); break;
                case var _ when name.SequenceEqual("tradeIv"u8): tradeIv = Text(ref reader); break;
                case var _ when name.SequenceEqual("blockTradeId"u8): blockTradeId = Text(ref reader); break;
                case var _ when name.SequenceEqual("markPrice"u8): markPrice = BlankDecimal(ref reader); break;
                case var _ when name.SequenceEqual("markIv"u8): markIv = Text(ref reader); break;
                case var _ when name.SequenceEqual("orderQty"u8): orderQty = BybitDecimalConverter.ReadDecimal(ref reader); break;
                case var _ when name.SequenceEqual("orderPrice"u8): orderPrice = BybitDecimalConverter.ReadDecimal(ref reader); break;
                case var _ when name.SequenceEqual("execValue"u8): execValue = BybitDecimalConverter.ReadDecimal(ref reader); break;
                case var _ when name.SequenceEqual("closedSize"u8): closedSize = BlankDecimal(ref reader); break;
                case var _ when name.SequenceEqual("extraFees"u8): extraFees = JsonElement.ParseValue(ref reader); break;
                case var _ when name.SequenceEqual("seq"u8): seq = reader.GetInt64(); break;
                case var _ when name.SequenceEqual("category"u8): category = Texts.Read(ref reader); break;
                case var _ when name.SequenceEqual("execPnl"u8): execPnl = NullableDecimal(ref reader); break;
                case var _ when name.SequenceEqual("isLeverage"u8): isLeverage = Texts.Read(ref reader); break;
                case var _ when name.SequenceEqual("marketUnit"u8): marketUnit = Texts.Read(ref reader); break;
                case var _ when name.SequenceEqual("createType"u8): createType = Texts.Read(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new BybitExecution
        {
            Symbol = symbol, OrderType = orderType, UnderlyingPrice = underlyingPrice, OrderLinkId = orderLinkId, Side = side, IndexPrice = indexPrice,
            OrderId = orderId, StopOrderType = stopOrderType, LeavesQty = leavesQty, ExecTime = execTime, FeeCurrency = feeCurrency, IsMaker = isMaker,
            ExecFee = execFee, FeeRate = feeRate, ExecId = execId, TradeIv = tradeIv, BlockTradeId = blockTradeId, MarkPrice = markPrice,
            ExecPrice = execPrice, MarkIv = markIv, OrderQty = orderQty, OrderPrice = orderPrice, ExecValue = execValue, ExecType = execType,
            ExecQty = execQty, ClosedSize = closedSize, ExtraFees = extraFees, Seq = seq, Category = category, ExecPnl = execPnl,
            IsLeverage = isLeverage, MarketUnit = marketUnit, CreateType = createType,
        };
    }

    // The last one-coin fee detail read: an order's updates repeat it until it fills (one coin, the same fee).
    private static FeeDetailRead? _lastFeeDetail;

    /// <summary>
    /// <c>cumFeeDetail</c> as the serializer reads it; one coin's fee the same as the last one read
    /// (to the decimal's scale) is the same (read-only) dictionary again.
    /// </summary>
    private static IReadOnlyDictionary<string, decimal>? FeeDetail(ref Utf8JsonReader reader)
    {
        Utf8JsonReader start = reader;
        if (reader.TokenType == JsonTokenType.StartObject && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && !reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            ReadOnlySpan<byte> coin = reader.ValueSpan;
            if (reader.Read() && reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
            {
                decimal fee = BybitDecimalConverter.ReadDecimal(ref reader);
                if (reader.Read() && reader.TokenType == JsonTokenType.EndObject && Volatile.Read(ref _lastFeeDetail) is { } last
                    && System.Text.Ascii.Equals(coin, last.Coin) && fee == last.Fee && fee.Scale == last.Fee.Scale)
                {
                    return last.Detail;
                }
            }
        }

        reader = start;
        IReadOnlyDictionary<string, decimal>? detail = JsonSerializer.Deserialize(ref reader, Json.IReadOnlyDictionaryStringDecimal);
        if (detail is { Count: 1 })
        {
            (string coin, decimal fee) = detail.Single();
            Volatile.Write(ref _lastFeeDetail, new FeeDetailRead(coin, fee, detail));
        }

        return detail;
    }

    private sealed record FeeDetailRead(string Coin, decimal Fee, IReadOnlyDictionary<string, decimal> Detail);

    // Bybit repeats a handful of names per enum ("Filled", "Limit", "GTC"): each is read by the
    // serializer's converter the first time and found by its bytes afterwards.
    private static readonly EnumNames<BybitOrderStatus> BybitOrderStatusNames = new(Json.BybitOrderStatus);
    private static readonly EnumNames<BybitCancelType> BybitCancelTypeNames = new(Json.BybitCancelType);
    private static readonly EnumNames<BybitRejectReason> BybitRejectReasonNames = new(Json.BybitRejectReason);
    private static readonly EnumNames<BybitTimeInForce> BybitTimeInForceNames = new(Json.BybitTimeInForce);
    private static readonly EnumNames<BybitOrderType> BybitOrderTypeNames = new(Json.BybitOrderType);
    private static readonly EnumNames<BybitExecType> BybitExecTypeNames = new(Json.BybitExecType);

    private static void Start(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType == JsonTokenType.None)
        {
            reader.Read();
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"{what} must be a JSON object");
        }
    }

    // Room for any field name Bybit sends, escaped; a longer escaped name is unescaped on the heap.
    private const int NameBytes = 64;

    /// <summary>The property name's bytes, unescaped (into <paramref name="buffer"/>, or a new array when longer) when the JSON escaped them.</summary>
    private static ReadOnlySpan<byte> Name(in Utf8JsonReader reader, Span<byte> buffer) =>
        !reader.ValueIsEscaped ? reader.ValueSpan
        : reader.ValueSpan.Length <= buffer.Length ? buffer[..reader.CopyString(buffer)]
        : System.Text.Encoding.UTF8.GetBytes(reader.GetString()!);

    private static bool NextProperty(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>
    /// A string property as the serializer sets it (JSON null gives null, whatever the property's
    /// default), the same string each time it repeats: an order's ids come back on each of its
    /// updates and fills, its symbol and most of its other texts on every one.
    /// </summary>
    private static string Text(ref Utf8JsonReader reader) => Texts.Read(ref reader)!;

    private static Side SideOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("Buy"u8) ? Side.Buy
        : reader.ValueTextEquals("Sell"u8) ? Side.Sell
        : throw new JsonException($"unknown side '{(reader.TokenType == JsonTokenType.String ? reader.GetString() : reader.TokenType.ToString())}'");

    /// <summary>As <see cref="BybitBlankDecimalConverter"/>: <c>""</c> and null are null.</summary>
    private static decimal? BlankDecimal(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null || (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(""u8))
            ? null
            : BybitDecimalConverter.ReadDecimal(ref reader);

    private static decimal? NullableDecimal(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : BybitDecimalConverter.ReadDecimal(ref reader);

    /// <summary>Milliseconds, a string on the wire (or a number), as the serializer's AllowReadingFromString reads them.</summary>
    private static long Milliseconds(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetInt64();
        }

        if (reader.TokenType != JsonTokenType.String || reader.HasValueSequence || reader.ValueIsEscaped
            || !Utf8Parser.TryParse(reader.ValueSpan, out long value, out int consumed) || consumed != reader.ValueSpan.Length)
        {
            throw new JsonException($"expected milliseconds, got {reader.TokenType}");
        }

        return value;
    }

    /// <summary>
    /// The values of one enum by the bytes of their JSON names, filled as names are met (a plain,
    /// unescaped string; anything else goes to the converter every time). Entries are immutable and
    /// swapped in whole, so readers on several streams' threads need no lock.
    /// </summary>
    private sealed class EnumNames<T>(System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> converter)
        where T : struct, Enum
    {
        private const int Capacity = 16;
        private readonly Entry?[] _entries = new Entry?[Capacity];
        private int _next;

        public T Read(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence)
            {
                return JsonSerializer.Deserialize(ref reader, converter);
            }

            ReadOnlySpan<byte> name = reader.ValueSpan;
            foreach (Entry? entry in _entries)
            {
                if (entry is not null && name.SequenceEqual(entry.Name))
                {
                    return entry.Value;
                }
            }

            T value = JsonSerializer.Deserialize(ref reader, converter);
            _entries[(int)((uint)(Interlocked.Increment(ref _next) - 1) % Capacity)] = new Entry(name.ToArray(), value);
            return value;
        }

        private sealed record Entry(byte[] Name, T Value);
    }
}
