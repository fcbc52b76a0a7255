namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// A successful answer (retCode 0): its result, the endpoint's rate-limit headers (to pace the next
/// requests), the server's time and, for a batch, the outcome of each order.
/// </summary>
public sealed record BybitReply<T>(T Result, BybitRateLimit RateLimit, long ServerTime, BybitExtInfo ExtInfo);
