using MarketMaking.Signals.Features;

namespace MarketMaking.Strategies;

/// <summary>
/// A strategy that reads the market's features (QuoteContext.Features). Markets with a book keep
/// them only for strategies that ask, since they cost time on every event.
/// </summary>
public interface IReadsMarketFeatures
{
    /// <summary>The windows the features need; null when this instance reads none.</summary>
    MarketFeatureSettings? FeatureSettings { get; }
}
