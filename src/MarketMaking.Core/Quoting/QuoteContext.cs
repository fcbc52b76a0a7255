namespace MarketMaking.Core.Quoting;

/// <summary>
/// Everything a strategy may look at when it decides: time, the market's state, its own inventory
/// and the signals it asked for. A ref struct built on the stack for every decision.
/// Time is in the market's time unit (seconds for recorded and live data; the model's unit for
/// model-based markets). Prices are in instrument price units.
/// </summary>
public readonly ref struct QuoteContext
{
    /// <summary>Time since the start of the run.</summary>
    public double Time { get; init; }

    /// <summary>Time left to the horizon T; positive infinity for a rolling (infinite-horizon) run.</summary>
    public double TimeLeft { get; init; }

    /// <summary>The mid (or reference) price the strategy quotes around.</summary>
    public double Mid { get; init; }

    /// <summary>Best bid of the market, NaN when unknown (model-based markets have no book).</summary>
    public double BestBid { get; init; }

    /// <summary>Best ask of the market, NaN when unknown.</summary>
    public double BestAsk { get; init; }

    /// <summary>Signed position in instrument units (positive: long).</summary>
    public double Inventory { get; init; }

    /// <summary>Volatility of the mid per square root of the time unit (estimated or known).</summary>
    public double Volatility { get; init; }

    /// <summary>Short-term alpha: expected drift of the mid per time unit (0 when no signal).</summary>
    public double Alpha { get; init; }

    /// <summary>The market's features (MarketFeatures.Names order); empty when the market has none.</summary>
    public ReadOnlySpan<double> Features { get; init; }
}
