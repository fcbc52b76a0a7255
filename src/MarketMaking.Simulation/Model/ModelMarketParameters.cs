using System.Text.Json.Serialization;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;

namespace MarketMaking.Simulation.Model;

/// <summary>
/// The model-based market: a mid price process and market-order arrivals that fill our quotes with
/// intensity λ(δ) = A·e^(−κδ). Defaults are the setup of Avellaneda &amp; Stoikov (2008):
/// S0 = 100, T = 1, σ = 2, dt = 0.005, A = 140, κ = 1.5. Time is in the model's unit.
/// </summary>
public sealed record ModelMarketParameters
{
    /// <summary>S0: the mid at time 0.</summary>
    public double InitialMid { get; init; } = 100;

    /// <summary>T: the horizon (a whole number of steps).</summary>
    public double Horizon { get; init; } = 1;

    /// <summary>dt: the step length.</summary>
    public double TimeStep { get; init; } = 0.005;

    /// <summary>σ: volatility of the mid per √time unit (arithmetic, price units).</summary>
    public double Sigma { get; init; } = 2;

    /// <summary>μ: constant drift of the mid per time unit.</summary>
    public double Drift { get; init; }

    public MidShock Shock { get; init; } = MidShock.Binomial;

    /// <summary>θ of the Ornstein–Uhlenbeck short-term alpha α_t (adds to the drift; 0: no alpha).</summary>
    public double AlphaReversion { get; init; }

    /// <summary>Volatility of the alpha process (its stationary std is this / √(2θ)).</summary>
    public double AlphaVolatility { get; init; }

    /// <summary>Mid jumps per time unit (compound Poisson, sizes N(0, JumpStd²)).</summary>
    public double JumpIntensity { get; init; }

    public double JumpStd { get; init; }

    /// <summary>A: market orders per time unit reaching depth 0 on each side.</summary>
    public double A { get; init; } = 140;

    /// <summary>κ: decay of the fill intensity with depth.</summary>
    public double Kappa { get; init; } = 1.5;

    public FillRule FillRule { get; init; } = FillRule.Linear;

    public ArrivalProcess Arrivals { get; init; } = ArrivalProcess.Poisson;

    /// <summary>Hawkes branching ratio n ∈ [0, 1): the share of arrivals triggered by earlier ones.</summary>
    public double HawkesBranchingRatio { get; init; } = 0.5;

    /// <summary>Hawkes kernel decay β per time unit.</summary>
    public double HawkesDecay { get; init; } = 20;

    /// <summary>Probability that, right after one of our quotes fills, the mid jumps against us.</summary>
    public double AdverseSelectionProbability { get; init; }

    /// <summary>Size of that jump (price units): down after we buy, up after we sell.</summary>
    public double AdverseSelectionSize { get; init; }

    /// <summary>
    /// Permanent market impact of the flow that fills us, price units per unit of quantity: after
    /// we buy v the mid falls by impact·v, after we sell it rises (linear, Kyle-style; 0: none).
    /// </summary>
    public double MarketImpact { get; init; }

    /// <summary>Maker fee rate on our fills (fraction of notional; negative: rebate).</summary>
    public double MakerFeeRate { get; init; }

    /// <summary>Quantity grid of the model's instrument (prices are continuous).</summary>
    public double LotSize { get; init; } = 0.01;

    /// <summary>The instrument traded in this market: continuous prices, <see cref="LotSize"/>, maker fee.</summary>
    [JsonIgnore]
    public Instrument Instrument => Instrument.Continuous(lotSize: LotSize, makerFeeRate: MakerFeeRate);

    /// <summary>Number of steps, T/dt.</summary>
    [JsonIgnore]
    public int Steps => (int)Math.Round(Horizon / TimeStep);

    [JsonIgnore]
    public bool HasAlpha => AlphaReversion > 0 || AlphaVolatility > 0;

    /// <summary>Throws <see cref="InvalidParameterException"/> naming the first bad parameter.</summary>
    public ModelMarketParameters Validate()
    {
        InvalidParameterException.RequireFinite("s0", InitialMid);
        InvalidParameterException.RequirePositive("horizon", Horizon);
        InvalidParameterException.RequirePositive("dt", TimeStep);
        if (TimeStep > Horizon)
        {
            throw new InvalidParameterException("dt", $"must not exceed the horizon ({TimeStep} > {Horizon})");
        }

        if (Math.Abs((Steps * TimeStep) - Horizon) > 1e-9 * Horizon)
        {
            throw new InvalidParameterException("dt", $"the horizon {Horizon} must be a whole number of steps of {TimeStep}");
        }

        if (Steps > 100_000_000)
        {
            throw new InvalidParameterException("dt", $"{Steps} steps is too many (at most 100,000,000)");
        }

        InvalidParameterException.RequireNonNegative("sigma", Sigma);
        InvalidParameterException.RequireFinite("drift", Drift);
        InvalidParameterException.RequireNonNegative("alpha_reversion", AlphaReversion);
        InvalidParameterException.RequireNonNegative("alpha_volatility", AlphaVolatility);
        if (AlphaVolatility > 0 && AlphaReversion <= 0)
        {
            throw new InvalidParameterException("alpha_reversion", "must be positive when alpha_volatility is set (the alpha must mean-revert)");
        }

        InvalidParameterException.RequireNonNegative("jump_intensity", JumpIntensity);
        InvalidParameterException.RequireNonNegative("jump_std", JumpStd);
        if (JumpIntensity * TimeStep > 1)
        {
            throw new InvalidParameterException("jump_intensity", "jump_intensity·dt must be at most 1 (at most one jump per step)");
        }

        InvalidParameterException.RequirePositive("A", A);
        InvalidParameterException.RequirePositive("kappa", Kappa);
        if (HawkesBranchingRatio is < 0 or >= 1)
        {
            throw new InvalidParameterException("hawkes_branching", $"must be in [0, 1) for a stationary process, got {HawkesBranchingRatio}");
        }

        InvalidParameterException.RequirePositive("hawkes_decay", HawkesDecay);
        InvalidParameterException.RequireProbability("adverse_probability", AdverseSelectionProbability);
        InvalidParameterException.RequireNonNegative("adverse_size", AdverseSelectionSize);
        InvalidParameterException.RequireNonNegative("market_impact", MarketImpact);
        InvalidParameterException.RequireFinite("maker_fee", MakerFeeRate);
        InvalidParameterException.RequirePositive("lot_size", LotSize);
        return this;
    }
}
