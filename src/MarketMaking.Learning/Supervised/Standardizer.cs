using System.Globalization;
using MarketMaking.Core.Errors;

namespace MarketMaking.Learning.Supervised;

/// <summary>
/// z = (x − mean) / std per feature. Fit it on the training rows only and apply it to both sides,
/// so no statistic of the test period leaks into the model. The std is the population one (÷ n);
/// a constant feature gets std 1, leaving it centred at 0 rather than dividing by zero.
/// </summary>
public sealed class Standardizer
{
    private readonly double[] _means;
    private readonly double[] _scales;

    public Standardizer(IEnumerable<double> means, IEnumerable<double> scales)
    {
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(scales);
        _means = [.. means];
        _scales = [.. scales];
        if (Problem(_means, _scales) is { } problem)
        {
            throw new ArgumentException(problem, nameof(scales));
        }
    }

    public int FeatureCount => _means.Length;

    public IReadOnlyList<double> Means => _means;

    /// <summary>Standard deviations, 1 where the feature was constant.</summary>
    public IReadOnlyList<double> Scales => _scales;

    public static Standardizer Fit(LabeledDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Fit(data.AllFeatures, data.FeatureCount);
    }

    /// <summary>Fits on row-major rows of <paramref name="featureCount"/> features.</summary>
    public static Standardizer Fit(ReadOnlySpan<double> rows, int featureCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        int count = rows.Length / featureCount;
        if (count == 0)
        {
            throw new InsufficientDataException("cannot standardize features from an empty dataset");
        }

        int d = featureCount;
        double[] means = new double[d];
        double[] scales = new double[d];
        for (int row = 0; row < count; row++)
        {
            ReadOnlySpan<double> x = rows.Slice(row * d, d);
            for (int j = 0; j < d; j++)
            {
                means[j] += x[j];
            }
        }

        for (int j = 0; j < d; j++)
        {
            means[j] /= count;
        }

        // Two passes: the sum of squared deviations does not cancel the way Σx² − n·mean² does.
        for (int row = 0; row < count; row++)
        {
            ReadOnlySpan<double> x = rows.Slice(row * d, d);
            for (int j = 0; j < d; j++)
            {
                double deviation = x[j] - means[j];
                scales[j] += deviation * deviation;
            }
        }

        for (int j = 0; j < d; j++)
        {
            double std = Math.Sqrt(scales[j] / count);
            scales[j] = std > 0 ? std : 1;
        }

        return new Standardizer(means, scales);
    }

    public double Transform(int feature, double raw) => (raw - _means[feature]) / _scales[feature];

    public void Transform(ReadOnlySpan<double> raw, Span<double> standardized)
    {
        if (raw.Length != FeatureCount || standardized.Length < FeatureCount)
        {
            throw new ArgumentException($"expected {FeatureCount} features, got {raw.Length} (destination {standardized.Length})", nameof(raw));
        }

        for (int j = 0; j < _means.Length; j++)
        {
            standardized[j] = (raw[j] - _means[j]) / _scales[j];
        }
    }

    /// <summary>A standardized copy: same names, times and labels.</summary>
    public LabeledDataset Apply(LabeledDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != FeatureCount)
        {
            throw new ArgumentException($"the standardizer has {FeatureCount} features, the dataset {data.FeatureCount}", nameof(data));
        }

        var result = new LabeledDataset(data.FeatureNames);
        double[] z = new double[FeatureCount];
        for (int row = 0; row < data.Count; row++)
        {
            Transform(data.Features(row), z);
            result.Add(data.Time(row), z, data.Label(row));
        }

        return result;
    }

    /// <summary>Null when the statistics are usable, else why not (shared with model loading).</summary>
    internal static string? Problem(double[] means, double[] scales)
    {
        if (means.Length != scales.Length)
        {
            return $"{means.Length} means but {scales.Length} scales";
        }

        for (int j = 0; j < means.Length; j++)
        {
            if (!double.IsFinite(means[j]))
            {
                return $"mean {j} is not finite";
            }

            if (!(scales[j] > 0) || !double.IsFinite(scales[j]))
            {
                return $"scale {j} must be a positive finite number, got {scales[j].ToString(CultureInfo.InvariantCulture)}";
            }
        }

        return null;
    }
}
