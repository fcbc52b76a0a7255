using MarketMaking.Core.Quoting;
using MarketMaking.Strategies.Vectorization;

namespace MarketMaking.Strategies.Models;

/// <summary>
/// Avellaneda &amp; Stoikov (2008): reservation price r = s − q·γσ²τ, total spread
/// γσ²τ + (2/γ)·ln(1 + γ/κ), quotes r ∓ spread/2, q in order-size multiples. Name "as" (finite
/// horizon, τ = time left, clamped ≥ 0) or "as-rolling" (τ = the rolling window at every decision).
/// </summary>
public sealed class AvellanedaStoikovStrategy : IQuotingStrategy, ILinearInventoryQuoting
{
    private readonly double _skewPerTime;
    private readonly double _baseDepth;

    public AvellanedaStoikovStrategy(AvellanedaStoikovParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        Parameters = parameters;
        _skewPerTime = parameters.EffectiveGamma * parameters.Sigma * parameters.Sigma;
        _baseDepth = ExponentialFillTerms.BaseDepth(parameters.EffectiveGamma, parameters.Kappa);
    }

    public AvellanedaStoikovParameters Parameters { get; }

    public string Name => Parameters.Mode == AvellanedaStoikovMode.Rolling ? "as-rolling" : "as";

    public double OrderQuantity => Parameters.OrderQuantity;

    /// <summary>Unbounded: the model has no inventory limit (a position limit belongs to the risk gate).</summary>
    public double MaxInventory => double.PositiveInfinity;

    public LinearQuote CoefficientsAt(double timeLeft)
    {
        var tau = Parameters.Mode == AvellanedaStoikovMode.Rolling
            ? Parameters.RollingHorizon
            : double.IsPositiveInfinity(timeLeft) ? Parameters.Horizon : Math.Max(timeLeft, 0);
        var skew = _skewPerTime * tau;
        var half = (0.5 * skew) + _baseDepth;
        return new LinearQuote(skew, half, half);
    }

    public QuoteDecision Decide(in QuoteContext context)
    {
        var quote = CoefficientsAt(context.TimeLeft);
        var q = context.Inventory / Parameters.OrderQuantity;
        return QuoteDecision.TwoSided(quote.Bid(context.Mid, q), quote.Ask(context.Mid, q), Parameters.OrderQuantity);
    }
}
