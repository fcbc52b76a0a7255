using System.Globalization;
using System.Text.Json;
using MarketMaking.Core.Orders;

namespace MarketMaking.Data.Bybit;

/// <summary>Reading Bybit's JSON, where numbers usually arrive as strings.</summary>
internal static class BybitJson
{
    public const long NanosPerMilli = 1_000_000;

    public static decimal Decimal(JsonElement element) =>
        element.ValueKind == JsonValueKind.String
            ? decimal.Parse(element.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
            : element.GetDecimal();

    /// <summary>A finite number ("NaN" and "Infinity" parse as doubles but are no price or size).</summary>
    public static double Double(JsonElement element)
    {
        double value = element.ValueKind == JsonValueKind.String
            ? double.Parse(element.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
            : element.GetDouble();
        return double.IsFinite(value) ? value : throw new FormatException($"'{element}' is not a finite number");
    }

    public static long Long(JsonElement element) =>
        element.ValueKind == JsonValueKind.String
            ? long.Parse(element.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : element.GetInt64();

    /// <summary>A millisecond timestamp as nanoseconds; 0 when the field is absent.</summary>
    public static long MillisAsNanos(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out JsonElement value) ? Long(value) * NanosPerMilli : 0;

    /// <summary>Bybit's side names; anything else is malformed.</summary>
    public static Side Side(JsonElement element) => element.GetString() switch
    {
        "Buy" => Core.Orders.Side.Buy,
        "Sell" => Core.Orders.Side.Sell,
        var other => throw new FormatException($"unknown side '{other}'"),
    };

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
