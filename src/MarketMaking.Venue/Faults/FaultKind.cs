namespace MarketMaking.Venue.Faults;

/// <summary>The faults the venue can inject; each has its YAML name (<see cref="FaultNames"/>).</summary>
public enum FaultKind
{
    /// <summary><c>drop_connection</c>: a WebSocket connection (public or private) is cut without a close handshake.</summary>
    DropConnection,

    /// <summary><c>market_data_pause</c>: no public market data is published for a while (the streams stay open, pings are answered).</summary>
    MarketDataPause,

    /// <summary><c>skip_delta</c>: one order-book delta is not sent to one connection, so it sees a sequence gap.</summary>
    SkipDelta,

    /// <summary><c>private_delay</c>: a private-stream message is held back for a while.</summary>
    PrivateDelay,

    /// <summary><c>private_duplicate</c>: a private-stream message is sent twice.</summary>
    PrivateDuplicate,

    /// <summary><c>private_reorder</c>: a private-stream message is sent after the next one.</summary>
    PrivateReorder,

    /// <summary><c>http_5xx</c>: a private REST request is answered with an HTTP 5xx and not processed.</summary>
    ServerError,

    /// <summary><c>timeout</c>: a private REST request is held past the client's timeout (an order over the WebSocket order entry is never answered); it may or may not have been processed.</summary>
    Timeout,

    /// <summary><c>reject_order</c>: a new order is refused (on the order stream after its ack, or with a REST error code).</summary>
    RejectOrder,

    /// <summary><c>rate_limit_squeeze</c>: every rate limit is scaled down for a while.</summary>
    RateLimitSqueeze,

    /// <summary><c>clock_skew</c>: the exchange's clock (server time, timestamps, the receive-window check) runs off by an offset for a while.</summary>
    ClockSkew,
}
