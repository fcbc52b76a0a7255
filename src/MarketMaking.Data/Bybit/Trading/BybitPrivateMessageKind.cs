namespace MarketMaking.Data.Bybit.Trading;

/// <summary>What a <see cref="BybitPrivateMessage"/> carries: account updates, or news about the stream itself.</summary>
public enum BybitPrivateMessageKind
{
    /// <summary>Authenticated and subscribed: updates flow from now on (reconcile over REST for what happened before).</summary>
    Connected,

    /// <summary>Order updates (<c>order</c> topic).</summary>
    Order,

    /// <summary>Fills (<c>execution</c> topic); one message can carry several.</summary>
    Execution,

    /// <summary>Position updates (<c>position</c> topic).</summary>
    Position,

    /// <summary>Balance updates (<c>wallet</c> topic).</summary>
    Wallet,

    /// <summary>The connection was lost (Detail says why); updates may have been missed until the next <see cref="Connected"/>. The stream reconnects with backoff.</summary>
    Disconnected,

    /// <summary>A message that could not be decoded; it was skipped and counted.</summary>
    Malformed,
}
