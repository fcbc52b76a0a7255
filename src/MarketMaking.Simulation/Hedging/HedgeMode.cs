namespace MarketMaking.Simulation.Hedging;

/// <summary>How the second instrument hedges the quoted one.</summary>
public enum HedgeMode
{
    /// <summary>Never: the second instrument is only watched (the unhedged comparison).</summary>
    None,

    /// <summary>By the rolling regression β of returns, in value: q₂·P₂ = −β·q₁·P₁, past a threshold.</summary>
    Beta,

    /// <summary>The same asset on another venue: every fill hedged one for one.</summary>
    CrossVenue,
}
