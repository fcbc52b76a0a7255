using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MarketMaking.Dashboard;

/// <summary>
/// JSON for the page: camelCase; NaN and infinities as "NaN" and "Infinity" (the page reads them with
/// Number()); decimals as strings, so the venue's figures reach the page to the last digit.
/// </summary>
public static class DashboardJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new DecimalText(), new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    private sealed class DecimalText : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? decimal.Parse(reader.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture) : reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }
}
