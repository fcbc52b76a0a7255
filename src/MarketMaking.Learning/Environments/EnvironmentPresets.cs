using MarketMaking.Core.Errors;
using MarketMaking.Simulation.Model;

namespace MarketMaking.Learning.Environments;

/// <summary>Named environments. "cj" is the known-optimum benchmark of the RL agents.</summary>
public static class EnvironmentPresets
{
    public static IReadOnlyList<string> Names { get; } = ["cj"];

    /// <summary>
    /// Cartea–Jaimungal with λ = 10, κ = 1, σ = 0.1, φ = 0.5, α = 0.001, T = 1 in 100 steps,
    /// q0 = 0, Q_max = 10; depths 0.2 to 2.4 by 0.2 on each side (144 actions). The exact optimum
    /// beats the best constant depth (1.25) by about 10.7% of the objective; the optimum snapped to
    /// this grid keeps 98% of that gap, so the grid does not cap what an agent can show.
    /// </summary>
    public static EnvironmentSettings CarteaJaimungal { get; } = new()
    {
        Market = new ModelMarketParameters { A = 10, Kappa = 1, Sigma = 0.1, Horizon = 1, TimeStep = 0.01 },
        Actions = DepthGrid.Symmetric([.. Enumerable.Range(1, 12).Select(k => k * 0.2)]),
        Phi = 0.5,
        TerminalPenalty = 0.001,
        MaxInventory = 10,
    };

    public static EnvironmentSettings Get(string name) => name switch
    {
        "cj" => CarteaJaimungal,
        _ => throw new InvalidParameterException("env", $"unknown environment '{name}'; known: {string.Join(", ", Names)}"),
    };
}
