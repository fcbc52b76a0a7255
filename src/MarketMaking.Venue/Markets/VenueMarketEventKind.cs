namespace MarketMaking.Venue.Markets;

/// <summary>What a <see cref="VenueMarketEvent"/> reports.</summary>
public enum VenueMarketEventKind
{
    /// <summary>A client's order passed the market's checks (it may still trade or rest).</summary>
    Accepted,

    /// <summary>A client's new order, cancel or amend was refused; <see cref="VenueMarketEvent.RejectReason"/> says why.</summary>
    Rejected,

    /// <summary>A client's order traded (maker or taker).</summary>
    Fill,

    /// <summary>(The rest of) a client's order left the book without trading; <see cref="VenueMarketEvent.CancelReason"/> says why.</summary>
    Done,

    /// <summary>A client's resting order took a new price or size.</summary>
    Amended,

    /// <summary>A trade on the public tape (anyone's, the clients' included); <see cref="VenueMarketEvent.Side"/> is the aggressor's.</summary>
    PublicTrade,
}
