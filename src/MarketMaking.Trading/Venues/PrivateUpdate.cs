namespace MarketMaking.Trading.Venues;

/// <summary>Something the venue pushed about our account: an order update, an execution, or news about the stream itself.</summary>
public abstract record PrivateUpdate
{
    /// <summary>Local time (ns) it arrived.</summary>
    public long ReceivedAt { get; init; }
}
