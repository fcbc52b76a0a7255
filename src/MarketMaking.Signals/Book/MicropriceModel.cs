using MarketMaking.Core.Errors;

namespace MarketMaking.Signals.Book;

/// <summary>
/// A fitted micro-price adjustment G(I, S) (Stoikov 2018): the expected mid far in the future,
/// minus the mid now, given the touch imbalance I = (Vb − Va)/(Vb + Va) and the spread S in
/// ticks. The state grid is <see cref="ImbalanceBuckets"/> equal-width buckets of I over
/// [−1, 1] times spreads 1..<see cref="SpreadBuckets"/> ticks (wider spreads use the last bucket).
/// </summary>
public sealed class MicropriceModel
{
    private readonly double[] _adjustments;

    /// <param name="adjustments">G in ticks per state, index = (spread − 1)·imbalanceBuckets + imbalance bucket; NaN where not estimated.</param>
    public MicropriceModel(int imbalanceBuckets, int spreadBuckets, IReadOnlyList<double> adjustments)
    {
        ArgumentNullException.ThrowIfNull(adjustments);
        ImbalanceBuckets = RequireBuckets("imbalance_buckets", imbalanceBuckets, 2);
        SpreadBuckets = RequireBuckets("spread_buckets", spreadBuckets, 1);
        if (adjustments.Count != imbalanceBuckets * spreadBuckets)
        {
            throw new ArgumentException($"expected {imbalanceBuckets * spreadBuckets} adjustments, got {adjustments.Count}", nameof(adjustments));
        }

        _adjustments = [.. adjustments];
    }

    public int ImbalanceBuckets { get; }

    public int SpreadBuckets { get; }

    /// <summary>Per state, in the constructor's order.</summary>
    public IReadOnlyList<double> Adjustments => _adjustments;

    /// <summary>G(I, S) in ticks; NaN when the state was never observed or the spread is not positive.</summary>
    public double Adjustment(double imbalance, long spread) =>
        spread < 1 || double.IsNaN(imbalance) ? double.NaN : _adjustments[StateIndex(imbalance, spread, ImbalanceBuckets, SpreadBuckets)];

    internal static int StateIndex(double imbalance, long spread, int imbalanceBuckets, int spreadBuckets)
    {
        int bucket = Math.Clamp((int)Math.Floor((imbalance + 1) / 2 * imbalanceBuckets), 0, imbalanceBuckets - 1);
        int spreadBucket = (int)Math.Min(spread, spreadBuckets) - 1;
        return (spreadBucket * imbalanceBuckets) + bucket;
    }

    internal static int RequireBuckets(string parameter, int buckets, int minimum) =>
        buckets >= minimum ? buckets : throw new InvalidParameterException(parameter, $"must be at least {minimum}, got {buckets}");
}
