using System.Globalization;
using System.Text.Json;

namespace MarketMaking.Data.Bybit.Trading.Json;

/// <summary>
/// Writes the private request bodies with a <see cref="Utf8JsonWriter"/>, field by field in the
/// order of the records, leaving out nulls: the same bytes as <see cref="BybitRequestJsonContext"/>
/// (tested), without reflection or intermediate strings, into the caller's buffer.
/// </summary>
internal static class BybitRequestWriter
{
    public static void Write(Utf8JsonWriter writer, BybitOrderRequest order)
    {
        writer.WriteStartObject();
        WriteFields(writer, order);
        writer.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter writer, BybitBatchOrderRequest batch)
    {
        writer.WriteStartObject();
        writer.WriteString("category"u8, batch.Category);
        writer.WriteStartArray("request"u8);
        foreach (BybitOrderRequest order in batch.Request)
        {
            Write(writer, order);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter writer, BybitAmendRequest amend)
    {
        writer.WriteStartObject();
        writer.WriteString("category"u8, amend.Category);
        writer.WriteString("symbol"u8, amend.Symbol);
        String(writer, "orderId"u8, amend.OrderId);
        String(writer, "orderLinkId"u8, amend.OrderLinkId);
        String(writer, "orderIv"u8, amend.OrderIv);
        Number(writer, "triggerPrice"u8, amend.TriggerPrice);
        Number(writer, "qty"u8, amend.Qty);
        Number(writer, "price"u8, amend.Price);
        String(writer, "tpslMode"u8, amend.TpslMode);
        Number(writer, "takeProfit"u8, amend.TakeProfit);
        Number(writer, "stopLoss"u8, amend.StopLoss);
        String(writer, "tpTriggerBy"u8, amend.TpTriggerBy);
        String(writer, "slTriggerBy"u8, amend.SlTriggerBy);
        String(writer, "triggerBy"u8, amend.TriggerBy);
        Number(writer, "tpLimitPrice"u8, amend.TpLimitPrice);
        Number(writer, "slLimitPrice"u8, amend.SlLimitPrice);
        writer.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter writer, BybitCancelRequest cancel)
    {
        writer.WriteStartObject();
        writer.WriteString("category"u8, cancel.Category);
        writer.WriteString("symbol"u8, cancel.Symbol);
        String(writer, "orderId"u8, cancel.OrderId);
        String(writer, "orderLinkId"u8, cancel.OrderLinkId);
        String(writer, "orderFilter"u8, cancel.OrderFilter);
        writer.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter writer, BybitCancelAllRequest cancel)
    {
        writer.WriteStartObject();
        writer.WriteString("category"u8, cancel.Category);
        String(writer, "symbol"u8, cancel.Symbol);
        String(writer, "baseCoin"u8, cancel.BaseCoin);
        String(writer, "settleCoin"u8, cancel.SettleCoin);
        String(writer, "orderFilter"u8, cancel.OrderFilter);
        String(writer, "stopOrderType"u8, cancel.StopOrderType);
        writer.WriteEndObject();
    }

    private static void WriteFields(Utf8JsonWriter writer, BybitOrderRequest order)
    {
        String(writer, "category"u8, order.Category);
        writer.WriteString("symbol"u8, order.Symbol);
        Integer(writer, "isLeverage"u8, order.IsLeverage);
        writer.WriteString("side"u8, BybitNames.Side(order.Side));
        writer.WriteString("orderType"u8, BybitNames.OrderType(order.OrderType));
        Number(writer, "qty"u8, order.Qty);
        String(writer, "marketUnit"u8, order.MarketUnit);
        Number(writer, "price"u8, order.Price);
        Integer(writer, "triggerDirection"u8, order.TriggerDirection);
        String(writer, "orderFilter"u8, order.OrderFilter);
        Number(writer, "triggerPrice"u8, order.TriggerPrice);
        String(writer, "triggerBy"u8, order.TriggerBy);
        String(writer, "orderIv"u8, order.OrderIv);
        if (order.TimeInForce is { } timeInForce)
        {
            writer.WriteString("timeInForce"u8, BybitNames.TimeInForce(timeInForce));
        }

        Integer(writer, "positionIdx"u8, order.PositionIdx);
        String(writer, "orderLinkId"u8, order.OrderLinkId);
        Number(writer, "takeProfit"u8, order.TakeProfit);
        Number(writer, "stopLoss"u8, order.StopLoss);
        String(writer, "tpTriggerBy"u8, order.TpTriggerBy);
        String(writer, "slTriggerBy"u8, order.SlTriggerBy);
        Boolean(writer, "reduceOnly"u8, order.ReduceOnly);
        Boolean(writer, "closeOnTrigger"u8, order.CloseOnTrigger);
        String(writer, "smpType"u8, order.SmpType);
        Boolean(writer, "mmp"u8, order.Mmp);
        String(writer, "tpslMode"u8, order.TpslMode);
        Number(writer, "tpLimitPrice"u8, order.TpLimitPrice);
        Number(writer, "slLimitPrice"u8, order.SlLimitPrice);
        String(writer, "tpOrderType"u8, order.TpOrderType);
        String(writer, "slOrderType"u8, order.SlOrderType);
    }

    private static void String(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void Integer(Utf8JsonWriter writer, ReadOnlySpan<byte> name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static void Boolean(Utf8JsonWriter writer, ReadOnlySpan<byte> name, bool? value)
    {
        if (value is { } flag)
        {
            writer.WriteBoolean(name, flag);
        }
    }

    /// <summary>A decimal as Bybit wants it: a string, with its scale ("0.10" stays "0.10").</summary>
    private static void Number(Utf8JsonWriter writer, ReadOnlySpan<byte> name, decimal? value)
    {
        if (value is not { } number)
        {
            return;
        }

        Span<byte> text = stackalloc byte[32];
        number.TryFormat(text, out int written, default, CultureInfo.InvariantCulture);
        writer.WriteString(name, text[..written]);
    }
}
