using MarketMaking.Simulation.Arbitrage;

namespace MarketMaking.Research.Arbitrage;

/// <summary>An arbitrage scan over files that share a clock: the venues, every ordered pair's episodes summed up, and the takes when asked.</summary>
public sealed record ArbitrageSummary
{
    /// <summary>Each venue as "SYMBOL (format)", in --data order.</summary>
    public required IReadOnlyList<string> Venues { get; init; }

    /// <summary>Each venue's taker fee rate.</summary>
    public required IReadOnlyList<double> TakerFees { get; init; }

    /// <summary>Events read over all files.</summary>
    public long Events { get; init; }

    /// <summary>Receive time from the first event to the last (s).</summary>
    public double WindowSeconds { get; init; }

    /// <summary>Every ordered pair (sell, buy), episodes or not.</summary>
    public required IReadOnlyList<ArbitragePairSummary> Pairs { get; init; }

    /// <summary>Null unless the episodes were taken.</summary>
    public ArbitrageTakeSummary? Taken { get; init; }

    /// <summary>Every episode, in the order they opened.</summary>
    public required IReadOnlyList<ArbitrageEpisode> Episodes { get; init; }
}
