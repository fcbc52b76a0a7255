using System.Text.Json.Serialization;

namespace MarketMaking.Data.Bybit.Trading.Json;

/// <summary>
/// Source-generated (reflection-free) JSON of Bybit's private answers and stream messages: camelCase
/// names, decimals as strings, Bybit's enum names. Shared by the trading client and the local venue.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    Converters = [typeof(BybitDecimalConverter), typeof(BybitSideConverter)])]
[JsonSerializable(typeof(BybitResponse<BybitOrderAck>))]
[JsonSerializable(typeof(BybitResponse<BybitCancelAllResult>))]
[JsonSerializable(typeof(BybitResponse<BybitBatchResult>))]
[JsonSerializable(typeof(BybitResponse<BybitPage<BybitOrder>>))]
[JsonSerializable(typeof(BybitResponse<BybitPage<BybitExecution>>))]
[JsonSerializable(typeof(BybitResponse<BybitPage<BybitPosition>>))]
[JsonSerializable(typeof(BybitResponse<BybitWalletBalance>))]
[JsonSerializable(typeof(BybitResponse<BybitServerTime>))]
[JsonSerializable(typeof(BybitStreamMessage<BybitOrder>))]
[JsonSerializable(typeof(BybitStreamMessage<BybitExecution>))]
[JsonSerializable(typeof(BybitStreamMessage<BybitPosition>))]
[JsonSerializable(typeof(BybitStreamMessage<BybitWallet>))]
public sealed partial class BybitTradingJsonContext : JsonSerializerContext;
