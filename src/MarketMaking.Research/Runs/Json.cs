using System.Text.Json;
using System.Text.Json.Serialization;

namespace MarketMaking.Research.Runs;

/// <summary>The one JSON style of run folders and of <c>--json</c>: snake_case keys, enums as strings, NaN and ±∞ as null.</summary>
public static class Json
{
    /// <summary>The serializer options of that style.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new NonFiniteAsNullConverter() },
    };

    /// <summary><paramref name="value"/> as indented JSON in that style.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>JSON has no NaN or infinity: a metric that is undefined (no fills, one run) is null.</summary>
    private sealed class NonFiniteAsNullConverter : JsonConverter<double>
    {
        public override bool HandleNull => true;

        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value))
            {
                writer.WriteNumberValue(value);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
