namespace MarketMaking.Simulation.Matching;

/// <summary>What a <see cref="MatchingEvent"/> reports.</summary>
public enum MatchingEventKind
{
    /// <summary>A new order passed validation (emitted before any of its trades).</summary>
    Accepted = 0,

    /// <summary>A new order, cancel or amend was refused; <see cref="MatchingEvent.RejectReason"/> says why.</summary>
    Rejected = 1,

    /// <summary>A trade between a resting (maker) and an incoming (taker) order.</summary>
    Trade = 2,

    /// <summary>(The rest of) an order left the book without trading; <see cref="MatchingEvent.CancelReason"/> says why.</summary>
    Cancelled = 3,

    /// <summary>A resting order took a new price or size.</summary>
    Amended = 4,

    /// <summary>An L2 level changed: its new total size (0 = the level is gone).</summary>
    BookChange = 5,
}
