using MarketMaking.Core.Orders;

namespace MarketMaking.Data.Bybit;

/// <summary>One public trade from <c>/v5/market/recent-trade</c>.</summary>
/// <param name="Time">Trade time, ns since the Unix epoch.</param>
/// <param name="Side">The aggressor's (taker's) side.</param>
/// <param name="Id">Bybit's execution id.</param>
public sealed record BybitTrade(
    long Time,
    string Symbol,
    Side Side,
    decimal Price,
    decimal Size,
    string Id,
    bool IsBlockTrade);
