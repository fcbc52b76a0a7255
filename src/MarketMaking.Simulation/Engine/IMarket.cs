using MarketMaking.Core.Accounting;
using MarketMaking.Core.Instruments;

namespace MarketMaking.Simulation.Engine;

/// <summary>
/// A market the event loop drives: a source of market state plus the exchange our orders rest on.
/// Model-based, agent-based, replayed and live markets all implement it, so a strategy runs
/// unchanged on each.
/// </summary>
public interface IMarket : IOrderGateway
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

    bool IsFinished { get; }

    /// <summary>
    /// The market's features (MarketFeatures.Names order) for strategies that read signals;
    /// empty for markets without a book or when no features were asked for.
    /// </summary>
    ReadOnlySpan<double> FeatureValues => [];

    /// <summary>Moves to the next decision point, appending the fills of our orders on the way.</summary>
    void Advance(List<Fill> fills);
}
