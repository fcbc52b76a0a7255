using MarketMaking.Core.Orders;
using MarketMaking.Core.Quoting;
using MarketMaking.Signals.Features;
using MarketMaking.Strategies;

namespace MarketMaking.Learning.AdverseSelection;

/// <summary>
/// Wraps any strategy and protects it from informed flow, side by side: a side whose predicted
/// probability of an adverse fill exceeds the threshold is widened or withdrawn, and the side a
/// large trade just hit is withdrawn for a cool-down. Without market features (model markets) it
/// passes the inner decision through. Stateless, so one instance serves parallel runs.
/// </summary>
public sealed class AdverseSelectionGuard : IQuotingStrategy, IReadsMarketFeatures, IInventoryLimited
{
    private static readonly int LargeTradeAge = MarketFeatures.IndexOf("large_trade_age");
    private static readonly int LargeTradeSide = MarketFeatures.IndexOf("large_trade_side");

    private readonly IQuotingStrategy _inner;
    private readonly AdverseSelectionDetector? _detector;
    private readonly AdverseSelectionGuardSettings _settings;

    /// <param name="detector">The model; null keeps only the cool-down rule.</param>
    /// <param name="features">Windows of the features; the detector's own when null.</param>
    public AdverseSelectionGuard(IQuotingStrategy inner, AdverseSelectionDetector? detector, AdverseSelectionGuardSettings settings, MarketFeatureSettings? features = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(settings);
        _inner = inner;
        _detector = detector;
        _settings = settings.Validate();
        FeatureSettings = features ?? detector?.FeatureSettings ?? new MarketFeatureSettings();
        Name = inner.Name + "+guard";
    }

    public string Name { get; }

    /// <summary>The inner strategy's limit (the guard only withdraws or widens).</summary>
    public double InventoryLimit => IInventoryLimited.Of(_inner);

    public MarketFeatureSettings? FeatureSettings { get; }

    public QuoteDecision Decide(in QuoteContext context)
    {
        QuoteDecision decision = _inner.Decide(in context);
        ReadOnlySpan<double> features = context.Features;
        if (features.IsEmpty)
        {
            return decision;
        }

        Guard(ref decision, features, Side.Buy);
        Guard(ref decision, features, Side.Sell);
        return decision;
    }

    /// <summary>The detector's probability that a fill of <paramref name="side"/> now is adverse (NaN without a detector).</summary>
    public double Probability(ReadOnlySpan<double> features, Side side) =>
        _detector is null ? double.NaN : _detector.Probability(features, side);

    private void Guard(ref QuoteDecision decision, ReadOnlySpan<double> features, Side side)
    {
        int count = decision.Count(side);
        if (count == 0)
        {
            return;
        }

        // A large buy lifts the asks: the side it hit is the opposite of the aggressor's.
        if (_settings.Cooldown > 0 && features[LargeTradeAge] < _settings.Cooldown && (features[LargeTradeSide] > 0 ? Side.Buy : Side.Sell) == side.Opposite())
        {
            decision.Withdraw(side);
            return;
        }

        double probability = Probability(features, side);
        if (!(probability > _settings.Threshold))
        {
            return;
        }

        if (_settings.Action == GuardAction.Withdraw)
        {
            decision.Withdraw(side);
            return;
        }

        // Each level moves away from the mid; levels are rewritten in place, best first.
        double shift = side == Side.Buy ? -_settings.Widening : _settings.Widening;
        Span<QuoteLevel> levels = stackalloc QuoteLevel[count];
        decision.Levels(side).CopyTo(levels);
        decision.Withdraw(side);
        foreach (QuoteLevel level in levels)
        {
            decision.Add(side, level.Price + shift, level.Quantity);
        }
    }
}
