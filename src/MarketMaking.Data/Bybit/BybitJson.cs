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
            ? ParseDouble(Utf8(element))
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
            ? ParseDouble(Utf8(ref reader))
            : reader.GetDouble();
        return double.IsFinite(value) ? value : throw new FormatException($"'{reader.GetString()}' is not a finite number");
    }

    /// <summary>
    /// A decimal number's double, bit for bit what <see cref="double.Parse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider)"/>
    /// gives. Plain decimals of at most 15 digits (every price and size Bybit sends) take Clinger's fast
    /// path: the digits as an exact integer over an exact power of ten, one correctly rounded division.
    /// Anything else (exponents, long mantissas, junk) goes to the general parser.
    /// </summary>
    public static double ParseDouble(ReadOnlySpan<byte> text)
    {
        bool negative = text.Length > 0 && text[0] == (byte)'-';
        long digits = 0;
        int count = 0, scale = -1;
        for (int i = negative ? 1 : 0; i < text.Length; i++)
        {
            uint digit = (uint)(text[i] - '0');
            if (digit <= 9)
            {
                digits = (digits * 10) + digit;
                count++;
                scale += scale >= 0 ? 1 : 0;
            }
            else if (text[i] == (byte)'.' && scale < 0)
            {
                scale = 0;
            }
            else
            {
                count = int.MaxValue;
                break;
            }
        }

        if (count is 0 or > 15 || scale == 0)
        {
            return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        double value = scale > 0 ? digits / PowersOfTen[scale] : digits;
        return negative ? -value : value;
    }

    // Exact doubles: 10^0 … 10^15 (15 digits never need more).
    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

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

    // The decoders read spans, never sequences: a string's bytes are its ValueSpan unless escaped.
    private static ReadOnlySpan<byte> Utf8(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? System.Text.Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;

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
