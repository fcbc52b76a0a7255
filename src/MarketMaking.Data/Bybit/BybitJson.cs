using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using MarketMaking.Core.Orders;

namespace MarketMaking.Data.Bybit;

/// <summary>
/// Reading Bybit's JSON, where numbers usually arrive as strings. A number in a string is parsed from
/// its UTF-8 bytes in place, without making a string: the live feed reads thousands a second.
/// </summary>
internal static class BybitJson
{
    public const long NanosPerMilli = 1_000_000;

    public static decimal Decimal(JsonElement element) =>
        element.ValueKind == JsonValueKind.String
            ? decimal.Parse(Utf8(element), NumberStyles.Float, CultureInfo.InvariantCulture)
            : element.GetDecimal();

    /// <summary>A finite number ("NaN" and "Infinity" parse as doubles but are no price or size).</summary>
    public static double Double(JsonElement element)
    {
        double value = element.ValueKind == JsonValueKind.String
            ? double.Parse(Utf8(element), NumberStyles.Float, CultureInfo.InvariantCulture)
            : element.GetDouble();
        return double.IsFinite(value) ? value : throw new FormatException($"'{element}' is not a finite number");
    }

    public static long Long(JsonElement element) =>
        element.ValueKind == JsonValueKind.String
            ? long.Parse(Utf8(element), NumberStyles.Integer, CultureInfo.InvariantCulture)
            : element.GetInt64();

    // A string's bytes between its quotes; a string with escapes (never a number) is unescaped first.
    private static ReadOnlySpan<byte> Utf8(JsonElement element)
    {
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(element);
        return raw.IndexOf((byte)'\\') < 0 ? raw[1..^1] : System.Text.Encoding.UTF8.GetBytes(element.GetString()!);
    }

    /// <summary>The number at the reader (in a string or bare), finite.</summary>
    public static double Double(ref Utf8JsonReader reader)
    {
        double value = reader.TokenType == JsonTokenType.String
            ? double.Parse(Utf8(ref reader), NumberStyles.Float, CultureInfo.InvariantCulture)
            : reader.GetDouble();
        return double.IsFinite(value) ? value : throw new FormatException($"'{reader.GetString()}' is not a finite number");
    }

    /// <summary>The integer at the reader (in a string or bare).</summary>
    public static long Long(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String
            ? long.Parse(Utf8(ref reader), NumberStyles.Integer, CultureInfo.InvariantCulture)
            : reader.GetInt64();

    /// <summary>Bybit's side names at the reader; anything else is malformed.</summary>
    public static Side Side(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("Buy"u8) ? Core.Orders.Side.Buy
        : reader.ValueTextEquals("Sell"u8) ? Core.Orders.Side.Sell
        : throw new FormatException($"unknown side '{reader.GetString()}'");

    private static ReadOnlySpan<byte> Utf8(ref Utf8JsonReader reader) =>
        !reader.ValueIsEscaped && !reader.HasValueSequence ? reader.ValueSpan : System.Text.Encoding.UTF8.GetBytes(reader.GetString()!);

    /// <summary>A millisecond timestamp as nanoseconds; 0 when the field is absent.</summary>
    public static long MillisAsNanos(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out JsonElement value) ? Long(value) * NanosPerMilli : 0;

    /// <summary>Bybit's side names; anything else is malformed.</summary>
    public static Side Side(JsonElement element) =>
        element.ValueEquals("Buy"u8) ? Core.Orders.Side.Buy
        : element.ValueEquals("Sell"u8) ? Core.Orders.Side.Sell
        : throw new FormatException($"unknown side '{element.GetString()}'");

    public static List<BybitLevel> Levels(JsonElement array)
    {
        var levels = new List<BybitLevel>(array.GetArrayLength());
        foreach (JsonElement level in array.EnumerateArray())
        {
            levels.Add(new BybitLevel(Decimal(level[0]), Decimal(level[1])));
        }

        return levels;
    }
}
