namespace MarketMaking.Data.Bybit;

/// <summary>One Bybit kline (bar), values exactly as Bybit sent them.</summary>
/// <param name="StartTime">Bar start, ns since the Unix epoch.</param>
/// <param name="Volume">Traded quantity (contracts for inverse, base coin otherwise).</param>
/// <param name="Turnover">Traded value (base coin for inverse, quote coin otherwise).</param>
/// <param name="IsClosed">False for a stream kline whose bar is still open (Bybit's <c>confirm</c>).</param>
public sealed record BybitKline(
    long StartTime,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    decimal Volume,
    decimal Turnover,
    bool IsClosed = true);
