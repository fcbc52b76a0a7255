using System.Text.Json;

namespace MarketMaking.Data.Bybit.Trading.Json;

/// <summary>JSON values Bybit uses as placeholders.</summary>
internal static class BybitJsonValues
{
    /// <summary><c>""</c>, what Bybit sends for an execution's <c>extraFees</c> in most cases.</summary>
    public static JsonElement EmptyString { get; } = JsonDocument.Parse("\"\"").RootElement.Clone();
}
