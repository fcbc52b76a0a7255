using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MarketMaking.Data.Bybit.Trading.Json;

/// <summary>
/// Bybit's numbers-as-strings: reads <c>"0.10"</c> (or a bare number) into an exact decimal and
/// writes it back as a string with its scale, so <c>"0.10"</c> stays <c>"0.10"</c>.
/// </summary>
public sealed class BybitDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadDecimal(ref reader);

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> text = stackalloc byte[32];
        if (!value.TryFormat(text, out int written, default, CultureInfo.InvariantCulture))
        {
            throw new JsonException($"cannot format {value}");
        }

        writer.WriteStringValue(text[..written]);
    }

    internal static decimal ReadDecimal(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetDecimal();
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a number or a numeric string, got {reader.TokenType}");
        }

        ReadOnlySpan<byte> text = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value)
            ? value
            : throw new JsonException($"'{reader.GetString()}' is not a number");
    }
}
