namespace MarketMaking.Data.Bybit;

/// <summary>A REST order-book snapshot (<c>/v5/market/orderbook</c>).</summary>
/// <param name="Bids">Best (highest) first.</param>
/// <param name="Asks">Best (lowest) first.</param>
/// <param name="Time">When Bybit generated the data, ns since the Unix epoch.</param>
/// <param name="UpdateId">Bybit's update id <c>u</c>.</param>
/// <param name="Sequence">Bybit's cross sequence <c>seq</c>.</param>
/// <param name="MatchingEngineTime">The matching engine's timestamp (<c>cts</c>), ns; 0 when absent.</param>
public sealed record BybitOrderBookSnapshot(
    string Symbol,
    IReadOnlyList<BybitLevel> Bids,
    IReadOnlyList<BybitLevel> Asks,
    long Time,
    long UpdateId,
    long Sequence,
    long MatchingEngineTime);
