namespace MarketMaking.Simulation.Matching;

/// <summary>Why (part of) an order left the book without trading.</summary>
public enum CancelReason
{
    /// <summary>Not a cancellation.</summary>
    None = 0,

    /// <summary>The owner asked for it.</summary>
    Requested = 1,

    /// <summary>The unfilled remainder of a market or immediate-or-cancel order.</summary>
    Unfilled = 2,

    /// <summary>Removed by self-trade prevention (see <see cref="SelfTradePrevention"/>).</summary>
    SelfTradePrevention = 3,
}
