namespace MarketMaking.Trading.Venues;

/// <summary>How a venue answered an order request.</summary>
public enum ReplyOutcome
{
    /// <summary>Accepted (for a create: the order exists; the private stream tells what happens next).</summary>
    Accepted,

    /// <summary>Refused with a business error (bad price, post-only would cross, order not found…).</summary>
    Rejected,

    /// <summary>The venue's rate limit refused it; nothing happened.</summary>
    RateLimited,

    /// <summary>No answer in time, or the connection failed mid-request: the request may or may not have taken effect.</summary>
    Unknown,
}
