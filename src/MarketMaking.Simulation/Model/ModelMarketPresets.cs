using MarketMaking.Core.Errors;

namespace MarketMaking.Simulation.Model;

/// <summary>Named model markets the CLI and the demo start from.</summary>
public static class ModelMarketPresets
{
    public static IReadOnlyList<string> Names { get; } = ["as", "adverse"];

    /// <summary>Avellaneda &amp; Stoikov (2008), §4: S0 = 100, T = 1, σ = 2, dt = 0.005, A = 140, κ = 1.5.</summary>
    public static ModelMarketParameters AvellanedaStoikov { get; } = new();

    /// <summary>
    /// A harder market on the same base: a short-term alpha (OU, θ = 20, stationary sd 10: the mid
    /// drifts α/θ ≈ ±0.5 before it fades, about the half-spread) that a strategy may read, and
    /// adverse selection (after 40% of our fills the mid jumps 0.3 against us).
    /// </summary>
    public static ModelMarketParameters Adverse { get; } = new()
    {
        AlphaReversion = 20,
        AlphaVolatility = 10 * Math.Sqrt(2 * 20),
        AdverseSelectionProbability = 0.4,
        AdverseSelectionSize = 0.3,
    };

    public static ModelMarketParameters Get(string name) => name switch
    {
        "as" => AvellanedaStoikov,
        "adverse" => Adverse,
        _ => throw new InvalidParameterException("model", $"unknown model market '{name}'; known: {string.Join(", ", Names)}"),
    };
}
