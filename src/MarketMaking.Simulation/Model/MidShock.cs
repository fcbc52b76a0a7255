namespace MarketMaking.Simulation.Model;

/// <summary>How the mid's Brownian part moves over one step.</summary>
public enum MidShock
{
    /// <summary>±σ√dt with equal probability, as in Avellaneda &amp; Stoikov's simulations.</summary>
    Binomial,

    /// <summary>σ√dt·Z with Z standard normal.</summary>
    Gaussian,
}
