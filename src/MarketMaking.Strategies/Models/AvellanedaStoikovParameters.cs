using MarketMaking.Core.Errors;

namespace MarketMaking.Strategies.Models;

/// <summary>Parameters of Avellaneda–Stoikov (2008) and of its symmetric benchmark.</summary>
/// <param name="Gamma">Risk aversion γ &gt; 0 (config key <c>gamma</c>).</param>
/// <param name="Sigma">Mid volatility σ ≥ 0 per √time (config key <c>sigma</c>).</param>
/// <param name="Kappa">Decay κ &gt; 0 of the fill intensity A·e^(−κδ) (config key <c>kappa</c>).</param>
/// <param name="OrderQuantity">Quote size; inventory counts in multiples of it (config key <c>order_size</c>).</param>
/// <param name="Mode">Finite horizon ("as") or rolling window ("as-rolling").</param>
/// <param name="RollingHorizon">τ used at every decision in rolling mode (config key <c>rolling_horizon</c>).</param>
/// <param name="Horizon">T: the symmetric benchmark's horizon, and τ when a finite-horizon strategy runs in a rolling (TimeLeft = ∞) market (config key <c>horizon</c>).</param>
public sealed record AvellanedaStoikovParameters(
    double Gamma,
    double Sigma,
    double Kappa,
    double OrderQuantity = 1,
    AvellanedaStoikovMode Mode = AvellanedaStoikovMode.FiniteHorizon,
    double RollingHorizon = 1,
    double Horizon = 1)
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
        InvalidParameterException.RequirePositive("kappa", Kappa);
        InvalidParameterException.RequirePositive("order_size", OrderQuantity);
        InvalidParameterException.RequirePositive("rolling_horizon", RollingHorizon);
        InvalidParameterException.RequirePositive("horizon", Horizon);
        if (!Enum.IsDefined(Mode))
        {
            throw new InvalidParameterException("mode", $"unknown mode {(int)Mode}");
        }
    }
}
