namespace MarketMaking.Simulation.Matching;

/// <summary>How an incoming order treats the part it cannot fill at once.</summary>
public enum OrderType
{
    /// <summary>Trades what crosses, rests the remainder.</summary>
    Limit = 0,

    /// <summary>Trades at any price against what rests; the remainder is cancelled. Its price is ignored.</summary>
    Market = 1,

    /// <summary>Trades what crosses at its limit price; the remainder is cancelled.</summary>
    ImmediateOrCancel = 2,

    /// <summary>Trades its whole size at once at its limit price or is rejected with nothing traded.</summary>
    FillOrKill = 3,

    /// <summary>Rests only: rejected when it would cross (so it is always a maker).</summary>
    PostOnly = 4,
}
