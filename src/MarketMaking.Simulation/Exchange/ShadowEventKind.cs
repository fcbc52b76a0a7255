namespace MarketMaking.Simulation.Exchange;

/// <summary>What happened to one of our orders in a <see cref="ShadowExchange"/>.</summary>
public enum ShadowEventKind
{
    /// <summary>The order reached the exchange and rests at the back of its level.</summary>
    Accepted,

    /// <summary>The order would have crossed the book when it arrived: refused (our quotes are post-only).</summary>
    Rejected,

    /// <summary>Part or all of the order traded.</summary>
    Filled,

    /// <summary>A cancel reached the exchange and took the order out.</summary>
    Cancelled,
}
