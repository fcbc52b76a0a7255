namespace MarketMaking.Data.Files;

/// <summary>
/// A Bybit historical order-book file (NDJSON shaped like the V5 WebSocket orderbook messages, as
/// Bybit publishes them, usually zipped): snapshots replace the book, deltas update it, update ids
/// are checked; publicTrade messages in the same file become trades. Local time is the message's ts,
/// exchange time its cts (the files hold no receive time). Event ids are Bybit's update id u.
/// </summary>
public sealed class BybitOrderBookReader(string path, MarketDataOptions? options = null)
    : TextMarketDataReader(path, MarketDataFormat.BybitOrderBook, options, context => new BybitOrderBookParser(context));
