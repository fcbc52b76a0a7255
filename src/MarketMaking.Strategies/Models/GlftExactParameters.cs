using MarketMaking.Core.Errors;

namespace MarketMaking.Strategies.Models;

/// <summary>Parameters of the exact (bounded-inventory) Guéant–Lehalle–Fernandez-Tapia model.</summary>
/// <param name="Gamma">Risk aversion γ &gt; 0 (config key <c>gamma</c>).</param>
/// <param name="Sigma">Mid volatility σ ≥ 0 per √time (config key <c>sigma</c>).</param>
/// <param name="A">Fill intensity at zero depth, A &gt; 0 (config key <c>A</c>).</param>
/// <param name="Kappa">Decay κ &gt; 0 of the fill intensity A·e^(−κδ) (config key <c>kappa</c>).</param>
/// <param name="MaxInventory">Q in order sizes, |q| ≤ Q, 1 … 250 (config key <c>max_inventory</c>).</param>
/// <param name="OrderQuantity">Quote size; inventory counts in multiples of it (config key <c>order_size</c>).</param>
/// <param name="Horizon">T of the depth table (config key <c>horizon</c>).</param>
/// <param name="TimeStep">dt between table rows (config key <c>dt</c>).</param>
public sealed record GlftExactParameters(
    double Gamma,
    double Sigma,
    double A,
    double Kappa,
    int MaxInventory = 20,
    double OrderQuantity = 1,
    double Horizon = 1,
    double TimeStep = 0.005)
{
    /// <summary>
    /// γΔ, the risk aversion the formulas use: inventory counts orders of size Δ, and with γ per
    /// unit of PnL a position of q orders carries the risk of qΔ units (Guéant 2017). γ for unit orders.
    /// </summary>
    public double EffectiveGamma => Gamma * OrderQuantity;

    internal void Validate()
    {
        InvalidParameterException.RequirePositive("gamma", Gamma);
        InvalidParameterException.RequireNonNegative("sigma", Sigma);
        InvalidParameterException.RequirePositive("A", A);
        InvalidParameterException.RequirePositive("kappa", Kappa);
        ParameterChecks.RequireMaxInventory(MaxInventory, ParameterChecks.MaxTableInventory);
        InvalidParameterException.RequirePositive("order_size", OrderQuantity);
        InvalidParameterException.RequirePositive("horizon", Horizon);
        InvalidParameterException.RequirePositive("dt", TimeStep);
    }
}
