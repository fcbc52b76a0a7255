using MarketMaking.Core.Instruments;

namespace MarketMaking.Simulation.Engine;

/// <summary>
/// What a strategy decides on: the market's state at a decision point. Simulated markets expose it
/// through <see cref="IMarket"/>; a live session keeps one from the venue's feed.
/// </summary>
public interface IMarketView
{
    Instrument Instrument { get; }

    /// <summary>Time since the start of the run, in the market's time unit.</summary>
    double Time { get; }

    /// <summary>Time left to the end of the run; +∞ when open-ended.</summary>
    double TimeLeft { get; }

    double Mid { get; }

    /// <summary>Best bid of the market (NaN when the market has no book).</summary>
    double BestBid { get; }

    double BestAsk { get; }

    /// <summary>Volatility of the mid per √time unit, known or estimated.</summary>
    double Volatility { get; }

    /// <summary>Short-term alpha (expected drift per time unit); 0 without a signal.</summary>
    double Alpha { get; }

    /// <summary>
    /// The market's features (MarketFeatures.Names order) for strategies that read signals;
    /// empty for markets without a book or when no features were asked for.
    /// </summary>
    ReadOnlySpan<double> FeatureValues => [];
}
