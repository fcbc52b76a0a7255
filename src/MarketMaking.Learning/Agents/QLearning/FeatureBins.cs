using MarketMaking.Core.Errors;

namespace MarketMaking.Learning.Agents.QLearning;

/// <summary>
/// Discretizes one extra observation dimension (volatility, flow, …) by sorted edges: the bin is
/// the number of edges ≤ the value, so k edges give k + 1 bins and values outside the range fall in
/// the end bins.
/// </summary>
public sealed class FeatureBins
{
    private readonly double[] _edges;

    public FeatureBins(int observationIndex, IReadOnlyList<double> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        if (observationIndex < 0)
        {
            throw new InvalidParameterException("feature_bins", $"observation index must be ≥ 0, got {observationIndex}");
        }

        for (int i = 0; i < edges.Count; i++)
        {
            if (!double.IsFinite(edges[i]) || (i > 0 && edges[i] <= edges[i - 1]))
            {
                throw new InvalidParameterException("feature_bins", $"edges of observation {observationIndex} must be finite and strictly increasing");
            }
        }

        ObservationIndex = observationIndex;
        _edges = [.. edges];
    }

    public int ObservationIndex { get; }

    public IReadOnlyList<double> Edges => _edges;

    public int Count => _edges.Length + 1;

    /// <summary><paramref name="count"/> equal-width bins over [min, max].</summary>
    public static FeatureBins Uniform(int observationIndex, double min, double max, int count)
    {
        if (count < 1 || !(max > min))
        {
            throw new InvalidParameterException("feature_bins", $"need at least one bin over a range with max > min, got {count} over [{min}, {max}]");
        }

        return new FeatureBins(observationIndex, [.. Enumerable.Range(1, count - 1).Select(k => min + ((max - min) * k / count))]);
    }

    /// <summary>Bins holding about equal shares of <paramref name="samples"/> (e.g. observations from a random-policy run); repeated quantiles merge.</summary>
    public static FeatureBins Quantiles(int observationIndex, IReadOnlyList<double> samples, int count)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (count < 1 || samples.Count == 0)
        {
            throw new InvalidParameterException("feature_bins", $"need at least one bin and one sample, got {count} bins and {samples.Count} samples");
        }

        double[] sorted = [.. samples.Order()];
        double[] edges = [.. Enumerable.Range(1, count - 1).Select(k => sorted[(int)((long)k * (sorted.Length - 1) / count)]).Distinct()];
        return new FeatureBins(observationIndex, edges);
    }

    public int Bin(double value)
    {
        // Upper bound by binary search: the first edge above the value.
        int lo = 0, hi = _edges.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_edges[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
