using System.Text.Json;
using System.Text.Json.Serialization;

namespace MarketMaking.Data.Bybit.Trading.Json;

/// <summary>
/// A numeric string Bybit sends as <c>""</c> when it has no value (an order's <c>avgPrice</c> before
/// any fill, a position's <c>liqPrice</c>): <c>""</c> is null and null is written back as <c>""</c>.
/// </summary>
public sealed class BybitBlankDecimalConverter : JsonConverter<decimal?>
{
    private static readonly BybitDecimalConverter Inner = new();

    public override bool HandleNull => true;

    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null || (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(""u8))
            ? null
            : BybitDecimalConverter.ReadDecimal(ref reader);

    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } number)
        {
            Inner.Write(writer, number, options);
        }
        else
        {
            writer.WriteStringValue(""u8);
        }
    }
}
