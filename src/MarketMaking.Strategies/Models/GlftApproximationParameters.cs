using MarketMaking.Core.Errors;

namespace MarketMaking.Strategies.Models;

/// <summary>Parameters of the Guéant–Lehalle–Fernandez-Tapia closed-form approximation.</summary>
/// <param name="Gamma">Risk aversion γ &gt; 0 (config key <c>gamma</c>).</param>
/// <param name="Sigma">Mid volatility σ ≥ 0 per √time (config key <c>sigma</c>).</param>
/// <param name="A">Fill intensity at zero depth, A &gt; 0 (config key <c>A</c>).</param>
/// <param name="Kappa">Decay κ &gt; 0 of the fill intensity A·e^(−κδ) (config key <c>kappa</c>).</param>
/// <param name="OrderQuantity">Quote size; inventory counts in multiples of it (config key <c>order_size</c>).</param>
/// <param name="MaxInventory">Optional limit Q in order sizes: no bid at q ≥ Q, no ask at q ≤ −Q (config key <c>max_inventory</c>).</param>
public sealed record GlftApproximationParameters(
    double Gamma,
    double Sigma,
    double A,
    double Kappa,
    double OrderQuantity = 1,
    int? MaxInventory = null)
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
        InvalidParameterException.RequirePositive("order_size", OrderQuantity);
        if (MaxInventory is { } limit)
        {
            ParameterChecks.RequireMaxInventory(limit);
        }
    }
}
