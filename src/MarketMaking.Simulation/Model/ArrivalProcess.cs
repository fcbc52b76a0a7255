namespace MarketMaking.Simulation.Model;

/// <summary>How market orders arrive on each side.</summary>
public enum ArrivalProcess
{
    /// <summary>Constant intensity A per side: fills follow λ(δ) = A·e^(−κδ).</summary>
    Poisson,

    /// <summary>
    /// Self-exciting (Hawkes) intensity with exponential kernel, mean intensity A: arrivals cluster.
    /// Each step draws the number of arrivals; each reaches depth δ with probability e^(−κδ).
    /// </summary>
    Hawkes,
}
