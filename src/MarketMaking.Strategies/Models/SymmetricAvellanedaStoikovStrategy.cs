using MarketMaking.Core.Quoting;
using MarketMaking.Strategies.Vectorization;

namespace MarketMaking.Strategies.Models;

/// <summary>
/// The "symmetric" benchmark of Avellaneda &amp; Stoikov (2008): quotes centred on the mid, no
/// inventory skew, with the inventory strategy's time-average total spread over [0, T]:
/// γσ²T/2 + (2/γ)·ln(1 + γ/κ). Name "symmetric".
/// </summary>
public sealed class SymmetricAvellanedaStoikovStrategy : IQuotingStrategy, ILinearInventoryQuoting
{
    private readonly LinearQuote _quote;

    public SymmetricAvellanedaStoikovStrategy(AvellanedaStoikovParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        Parameters = parameters;
        var half = (0.25 * parameters.EffectiveGamma * parameters.Sigma * parameters.Sigma * parameters.Horizon)
            + ExponentialFillTerms.BaseDepth(parameters.EffectiveGamma, parameters.Kappa);
        _quote = new LinearQuote(0, half, half);
    }

    public AvellanedaStoikovParameters Parameters { get; }

    public string Name => "symmetric";

    public double OrderQuantity => Parameters.OrderQuantity;

    /// <summary>Unbounded: the model has no inventory limit (a position limit belongs to the risk gate).</summary>
    public double MaxInventory => double.PositiveInfinity;

    /// <summary>Total spread γσ²T/2 + (2/γ)·ln(1 + γ/κ).</summary>
    public double Spread => _quote.BidHalfSpread + _quote.AskHalfSpread;

    public LinearQuote CoefficientsAt(double timeLeft) => _quote;

    public QuoteDecision Decide(in QuoteContext context)
    {
        var quote = CoefficientsAt(context.TimeLeft);
        var q = context.Inventory / Parameters.OrderQuantity;
        return QuoteDecision.TwoSided(quote.Bid(context.Mid, q), quote.Ask(context.Mid, q), Parameters.OrderQuantity);
    }
}
