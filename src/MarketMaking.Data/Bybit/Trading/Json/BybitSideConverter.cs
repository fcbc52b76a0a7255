using System.Text.Json;
using System.Text.Json.Serialization;
using MarketMaking.Core.Orders;

namespace MarketMaking.Data.Bybit.Trading.Json;

/// <summary>Bybit's <c>side</c>: <c>Buy</c> or <c>Sell</c>.</summary>
public sealed class BybitSideConverter : JsonConverter<Side>
{
    public override Side Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.ValueTextEquals("Buy"u8) ? Side.Buy
        : reader.ValueTextEquals("Sell"u8) ? Side.Sell
        : throw new JsonException($"unknown side '{(reader.TokenType == JsonTokenType.String ? reader.GetString() : reader.TokenType.ToString())}'");

    public override void Write(Utf8JsonWriter writer, Side value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(BybitNames.Side(value));
    }
}
