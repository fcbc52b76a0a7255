using MarketMaking.Simulation.Arbitrage;

namespace MarketMaking.Research.Arbitrage;

/// <summary>The episodes of one ordered pair of venues (sell on one, buy on the other), summed up.</summary>
public sealed record ArbitragePairSummary
{
    /// <summary>The venue sold on (its bid was high), as "SYMBOL (format)".</summary>
    public required string Sell { get; init; }

    /// <summary>The venue bought on.</summary>
    public required string Buy { get; init; }

    /// <summary>Episodes of the pair.</summary>
    public int Episodes { get; init; }

    /// <summary>Time crossed after fees, summed over the episodes (s).</summary>
    public double Seconds { get; init; }

    /// <summary>That time over the scanned window.</summary>
    public double ShareOfTime { get; init; }

    /// <summary>Median episode (s).</summary>
    public double MedianSeconds { get; init; }

    /// <summary>The longest episode (s).</summary>
    public double MaxSeconds { get; init; }

    /// <summary>Median net edge at the touch when episodes opened (bp after both taker fees).</summary>
    public double MedianEdgeBps { get; init; }

    /// <summary>The best net edge seen (bp).</summary>
    public double BestEdgeBps { get; init; }

    /// <summary>Median coins available when episodes opened.</summary>
    public double MedianSize { get; init; }

    /// <summary>The largest size available at any time (coins).</summary>
    public double MaxSize { get; init; }

    /// <summary>Σ over episodes of what taking their whole size at opening would have earned after fees, at the books as they stood (quote currency).</summary>
    public double ProfitAtOpenings { get; init; }

    /// <summary>The pair's figures from its episodes over a window of <paramref name="windowSeconds"/>.</summary>
    public static ArbitragePairSummary From(string sell, string buy, IReadOnlyList<ArbitrageEpisode> episodes, double windowSeconds)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        double seconds = episodes.Sum(e => e.Seconds);
        return new ArbitragePairSummary
        {
            Sell = sell,
            Buy = buy,
            Episodes = episodes.Count,
            Seconds = seconds,
            ShareOfTime = windowSeconds > 0 ? seconds / windowSeconds : double.NaN,
            MedianSeconds = Median(episodes.Select(e => e.Seconds)),
            MaxSeconds = episodes.Count > 0 ? episodes.Max(e => e.Seconds) : double.NaN,
            MedianEdgeBps = Median(episodes.Select(e => e.EdgeAtStart * 1e4)),
            BestEdgeBps = episodes.Count > 0 ? episodes.Max(e => e.BestEdge) * 1e4 : double.NaN,
            MedianSize = Median(episodes.Select(e => e.SizeAtStart)),
            MaxSize = episodes.Count > 0 ? episodes.Max(e => e.MaxSize) : double.NaN,
            ProfitAtOpenings = episodes.Sum(e => e.ProfitAtStart),
        };
    }

    /// <summary>The middle value (the mean of the two middle ones for an even count); NaN for none.</summary>
    internal static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
