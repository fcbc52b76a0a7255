using System.Text.Json;
using System.Text.Json.Serialization;
using MarketMaking.Core.Orders;

namespace MarketMaking.Data.Bybit.Trading.Json;

/// <summary>A position's <c>side</c>: <c>Buy</c> (long), <c>Sell</c> (short) or <c>""</c> (flat, null here).</summary>
public sealed class BybitBlankSideConverter : JsonConverter<Side?>
{
    private static readonly BybitSideConverter Inner = new();

    public override bool HandleNull => true;

    public override Side? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null || reader.ValueTextEquals(""u8) ? null : Inner.Read(ref reader, typeof(Side), options);

    public override void Write(Utf8JsonWriter writer, Side? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } side)
        {
            Inner.Write(writer, side, options);
        }
        else
        {
            writer.WriteStringValue(""u8);
        }
    }
}
