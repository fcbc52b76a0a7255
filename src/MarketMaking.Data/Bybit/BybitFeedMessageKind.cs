namespace MarketMaking.Data.Bybit;

/// <summary>What a <see cref="BybitFeedMessage"/> carries: exchange data, or news about the stream itself.</summary>
public enum BybitFeedMessageKind
{
    /// <summary>An order-book snapshot (BookClear, then its levels) or delta, already checked for update-id gaps.</summary>
    OrderBook,

    /// <summary>Public trades, Side being the aggressor's.</summary>
    Trades,

    /// <summary>Klines (no market events; see <see cref="BybitFeedMessage.Klines"/>).</summary>
    Kline,

    /// <summary>The connection was lost (Detail says why); every book is stale until its next snapshot, and the feed reconnects with backoff.</summary>
    Disconnected,

    /// <summary>An order-book update id was skipped; the delta was not applied, the topic is resubscribed and the book is stale until its next snapshot.</summary>
    Gap,

    /// <summary>A message that could not be decoded; it was skipped and counted.</summary>
    Malformed,
}
