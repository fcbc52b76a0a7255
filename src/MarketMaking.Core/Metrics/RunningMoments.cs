namespace MarketMaking.Core.Metrics;

/// <summary>
/// Count, mean and sample variance of a stream, by Welford's update, which stays accurate when
/// the mean is large next to the spread. A struct; the default value is an empty stream.
/// </summary>
public struct RunningMoments
{
    private double _mean;

    // Sum of squared deviations from the current mean.
    private double _sumSquaredDeviations;

    public long Count { readonly get; private set; }

    /// <summary>NaN when empty.</summary>
    public readonly double Mean => Count == 0 ? double.NaN : _mean;

    /// <summary>Sample variance (divides by n − 1); 0 when n &lt; 2.</summary>
    public readonly double Variance => Count < 2 ? 0 : _sumSquaredDeviations / (Count - 1);

    public readonly double StandardDeviation => Math.Sqrt(Variance);

    public void Add(double value)
    {
        Count++;
        double delta = value - _mean;
        _mean += delta / Count;
        _sumSquaredDeviations += delta * (value - _mean);
    }

    /// <summary>
    /// Adds <paramref name="count"/> copies of <paramref name="value"/> at once (Chan et al.'s
    /// merge of two streams), so a long run of equal values costs one update.
    /// </summary>
    public void AddRepeated(double value, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return;
        }

        long total = Count + count;
        double delta = value - _mean;
        _mean += delta * count / total;
        _sumSquaredDeviations += delta * delta * Count * count / total;
        Count = total;
    }
}
