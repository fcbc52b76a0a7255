namespace MarketMaking.Simulation.Matching;

/// <summary>
/// What happens when an incoming order would trade with a resting order of the same owner.
/// Either way no trade is printed between the two and the cancelled side gets a
/// <see cref="CancelReason.SelfTradePrevention"/> cancellation.
/// </summary>
public enum SelfTradePrevention
{
    /// <summary>The resting order is cancelled and the incoming order keeps matching behind it (default).</summary>
    CancelResting = 0,

    /// <summary>The rest of the incoming order is cancelled; what it already traded stands.</summary>
    CancelIncoming = 1,

    /// <summary>No prevention: orders of the same owner trade (anonymous background flow).</summary>
    None = 2,
}
