namespace MarketMaking.Simulation.Model;

/// <summary>Probability that a quote at depth δ fills during one step of length dt under Poisson arrivals.</summary>
public enum FillRule
{
    /// <summary>λ(δ)·dt, the first-order rule of Avellaneda &amp; Stoikov's simulations.</summary>
    Linear,

    /// <summary>1 − e^(−λ(δ)·dt), the exact probability of at least one arrival reaching δ.</summary>
    Exact,
}
