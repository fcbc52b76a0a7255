using MarketMaking.Core.Quoting;
using MarketMaking.Strategies.Vectorization;

namespace MarketMaking.Strategies.Models;

/// <summary>
/// Guéant, Lehalle &amp; Fernandez-Tapia (2013) closed-form (asymptotic) quotes, name "glft":
/// δb = (1/γ)ln(1+γ/κ) + (2q+1)/2·c, δa = (1/γ)ln(1+γ/κ) − (2q−1)/2·c with
/// c = √(σ²γ/(2κA)·(1+γ/κ)^(1+κ/γ)); as a linear quote: skew c, half spreads base + c/2.
/// Time-independent. With a limit Q the side that would pass it is not quoted (the vectorized
/// market reads <see cref="MaxInventory"/> through <see cref="ILinearInventoryQuoting"/>).
/// </summary>
public sealed class GlftApproximationStrategy : IQuotingStrategy, ILinearInventoryQuoting, IInventoryLimited
{
    private readonly LinearQuote _quote;

    public GlftApproximationStrategy(GlftApproximationParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        Parameters = parameters;
        var (gamma, sigma, kappa) = (parameters.EffectiveGamma, parameters.Sigma, parameters.Kappa);
        Skew = Math.Sqrt(sigma * sigma * gamma / (2 * kappa * parameters.A) * ExponentialFillTerms.GlftFactor(gamma, kappa));
        var half = ExponentialFillTerms.BaseDepth(gamma, kappa) + (0.5 * Skew);
        _quote = new LinearQuote(Skew, half, half);
        MaxInventory = parameters.MaxInventory is { } limit ? limit : double.PositiveInfinity;
    }

    public GlftApproximationParameters Parameters { get; }

    public string Name => "glft";

    public double OrderQuantity => Parameters.OrderQuantity;

    public double InventoryLimit => MaxInventory * Parameters.OrderQuantity;

    /// <summary>c: price shift per order size of inventory.</summary>
    public double Skew { get; }

    /// <summary>Q in order sizes; +∞ when unlimited.</summary>
    public double MaxInventory { get; }

    public LinearQuote CoefficientsAt(double timeLeft) => _quote;

    public QuoteDecision Decide(in QuoteContext context)
    {
        var quote = CoefficientsAt(context.TimeLeft);
        var q = context.Inventory / Parameters.OrderQuantity;
        var bid = q >= MaxInventory ? double.NaN : quote.Bid(context.Mid, q);
        var ask = q <= -MaxInventory ? double.NaN : quote.Ask(context.Mid, q);
        return QuoteDecision.TwoSided(bid, ask, Parameters.OrderQuantity);
    }
}
