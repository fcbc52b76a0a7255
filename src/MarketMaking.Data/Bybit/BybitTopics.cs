using MarketMaking.Core.Errors;

namespace MarketMaking.Data.Bybit;

/// <summary>Names of the public WebSocket topics the stream understands.</summary>
public static class BybitTopics
{
    /// <summary>
    /// Order-book depths Bybit publishes as <c>orderbook.{depth}.{symbol}</c> for linear, inverse and spot
    /// (docs/v5/websocket/public/orderbook.mdx; 500 went offline on 2025-09-30, 1000 replaced it).
    /// </summary>
    public static IReadOnlyList<int> Depths { get; } = [1, 50, 200, 1000];

    /// <summary><c>orderbook.{depth}.{symbol}</c>; an unpublished depth is an <see cref="InvalidParameterException"/> naming <c>depth</c>.</summary>
    public static string OrderBook(int depth, string symbol) =>
        Depths.Contains(depth)
            ? $"orderbook.{depth}.{symbol}"
            : throw new InvalidParameterException("depth", $"Bybit publishes order books of depth {string.Join(", ", Depths)}, not {depth}");

    /// <summary><c>publicTrade.{symbol}</c>.</summary>
    public static string Trades(string symbol) => $"publicTrade.{symbol}";

    /// <summary><c>kline.{interval}.{symbol}</c>.</summary>
    public static string Kline(BybitKlineInterval interval, string symbol) => $"kline.{interval.Name}.{symbol}";
}
