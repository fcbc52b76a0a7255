using MarketMaking.Core.Errors;

namespace MarketMaking.Strategies.Models;

/// <summary>
/// Parameters of the Cartea–Jaimungal model (Cartea, Jaimungal &amp; Penalva, Algorithmic and
/// High-Frequency Trading, §10.2).
/// </summary>
/// <param name="ArrivalRate">λ &gt; 0: market orders arriving on each side per time unit; a quote at depth δ fills with probability e^(−κδ) (config key <c>A</c>).</param>
/// <param name="Kappa">κ &gt; 0 of the fill probability (config key <c>kappa</c>).</param>
/// <param name="Phi">Running inventory penalty φ ≥ 0 (config key <c>phi</c>).</param>
/// <param name="TerminalPenalty">α ≥ 0: penalty α·q² on the inventory left at T (config key <c>terminal_penalty</c>).</param>
/// <param name="MaxInventory">Q in order sizes, |q| ≤ Q, 1 … 250 (config key <c>max_inventory</c>).</param>
/// <param name="OrderQuantity">Quote size; inventory counts in multiples of it (config key <c>order_size</c>).</param>
/// <param name="Horizon">T of the depth table (config key <c>horizon</c>).</param>
/// <param name="TimeStep">dt between table rows (config key <c>dt</c>).</param>
public sealed record CarteaJaimungalParameters(
    double ArrivalRate,
    double Kappa,
    double Phi,
    double TerminalPenalty,
    int MaxInventory = 20,
    double OrderQuantity = 1,
    double Horizon = 1,
    double TimeStep = 0.005)
{
    /// <summary>
    /// φΔ, the running penalty per order² the formulas use: with φ per unit² of inventory and the
    /// objective measured per unit of price, q orders of size Δ cost φ(qΔ)²/Δ = φΔ·q².
    /// </summary>
    public double EffectivePhi => Phi * OrderQuantity;

    /// <summary>αΔ, the terminal penalty per order² (as <see cref="EffectivePhi"/>).</summary>
    public double EffectiveTerminalPenalty => TerminalPenalty * OrderQuantity;

    internal void Validate()
    {
        InvalidParameterException.RequirePositive("A", ArrivalRate);
        InvalidParameterException.RequirePositive("kappa", Kappa);
        InvalidParameterException.RequireNonNegative("phi", Phi);
        InvalidParameterException.RequireNonNegative("terminal_penalty", TerminalPenalty);
        ParameterChecks.RequireMaxInventory(MaxInventory, ParameterChecks.MaxTableInventory);
        InvalidParameterException.RequirePositive("order_size", OrderQuantity);
        InvalidParameterException.RequirePositive("horizon", Horizon);
        InvalidParameterException.RequirePositive("dt", TimeStep);
    }
}
