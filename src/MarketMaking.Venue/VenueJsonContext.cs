using System.Text.Json.Serialization;
using MarketMaking.Data.Bybit.Trading.Json;
using MarketMaking.Venue.Exchange;

namespace MarketMaking.Venue;

/// <summary>Source-generated JSON of the venue's own endpoints (decimals as exact strings, Bybit's records inside in Bybit's form).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    Converters = [typeof(BybitDecimalConverter), typeof(BybitSideConverter)])]
[JsonSerializable(typeof(VenueState))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, long>))]
public sealed partial class VenueJsonContext : JsonSerializerContext;
