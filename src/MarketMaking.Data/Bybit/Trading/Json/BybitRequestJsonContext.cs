using System.Text.Json.Serialization;

namespace MarketMaking.Data.Bybit.Trading.Json;

/// <summary>
/// Source-generated JSON of the private request bodies; null fields are left out, as Bybit's
/// optional parameters are. The venue reads requests with it; the client writes the hot ones
/// (create, amend, cancel) by hand with <see cref="BybitRequestWriter"/>, to the same bytes.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(BybitDecimalConverter), typeof(BybitSideConverter)])]
[JsonSerializable(typeof(BybitOrderRequest))]
[JsonSerializable(typeof(BybitAmendRequest))]
[JsonSerializable(typeof(BybitCancelRequest))]
[JsonSerializable(typeof(BybitCancelAllRequest))]
[JsonSerializable(typeof(BybitBatchOrderRequest))]
public sealed partial class BybitRequestJsonContext : JsonSerializerContext;
