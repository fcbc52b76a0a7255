using MarketMaking.Core.Errors;

namespace MarketMaking.Simulation.Agents;

/// <summary>
/// The value only informed traders see: a diffusion with jumps (price units, per √s) whose
/// volatility itself wanders — σ·exp(h − Var h) with h an Ornstein–Uhlenbeck process — so that
/// calm and busy periods alternate, as in real markets (stochastic volatility).
/// </summary>
public sealed record FundamentalParameters
{
    public double Volatility { get; init; } = 0.01;

    /// <summary>Jumps per second.</summary>
    public double JumpIntensity { get; init; }

    /// <summary>Standard deviation of a jump (price units).</summary>
    public double JumpStd { get; init; }

    /// <summary>Volatility of the log-volatility h per √s (0: constant volatility).</summary>
    public double VolatilityOfVolatility { get; init; } = 0.03;

    /// <summary>Mean reversion of h per second (1/θ is how long a volatility regime lasts).</summary>
    public double VolatilityReversion { get; init; } = 1.0 / 1200;

    internal void Validate()
    {
        InvalidParameterException.RequireNonNegative("fundamental.volatility", Volatility);
        InvalidParameterException.RequireNonNegative("fundamental.jump_intensity", JumpIntensity);
        InvalidParameterException.RequireNonNegative("fundamental.jump_std", JumpStd);
        InvalidParameterException.RequireNonNegative("fundamental.volatility_of_volatility", VolatilityOfVolatility);
        InvalidParameterException.RequirePositive("fundamental.volatility_reversion", VolatilityReversion);
    }
}
