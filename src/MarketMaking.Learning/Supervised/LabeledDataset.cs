using System.Globalization;
using System.Runtime.InteropServices;
using MarketMaking.Core.Errors;

namespace MarketMaking.Learning.Supervised;

/// <summary>
/// Rows for a binary classifier: the features seen at a fill (VPIN, order-flow imbalance, spread…),
/// the label (true = the mid moved against the maker within the horizon) and the fill time in ns.
/// A row whose features are not all finite is refused and counted in <see cref="Rejected"/>, not
/// thrown: signals still warming up give NaN, and one such row should not stop a collection run.
/// </summary>
public sealed class LabeledDataset
{
    private readonly string[] _names;
    private readonly List<double> _features = [];
    private readonly List<bool> _labels = [];
    private readonly List<long> _times = [];
    private bool _timeOrdered = true;

    public LabeledDataset(IEnumerable<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        _names = [.. featureNames];
        if (NameProblem(_names) is { } problem)
        {
            throw new ArgumentException(problem, nameof(featureNames));
        }
    }

    public IReadOnlyList<string> FeatureNames => _names;

    public int FeatureCount => _names.Length;

    public int Count => _labels.Count;

    /// <summary>Rows refused by <see cref="Add"/> because a feature was NaN or infinite.</summary>
    public long Rejected { get; private set; }

    public int Positives { get; private set; }

    /// <summary>Share of rows labelled true; NaN when empty.</summary>
    public double BaseRate => Count == 0 ? double.NaN : (double)Positives / Count;

    /// <summary>Labels in insertion order; valid until the next <see cref="Add"/>.</summary>
    public ReadOnlySpan<bool> Labels => CollectionsMarshal.AsSpan(_labels);

    /// <summary>Times in ns in insertion order; valid until the next <see cref="Add"/>.</summary>
    public ReadOnlySpan<long> Times => CollectionsMarshal.AsSpan(_times);

    /// <summary>Adds a row; false (and <see cref="Rejected"/> + 1) when a feature is not finite.</summary>
    public bool Add(long time, ReadOnlySpan<double> features, bool label)
    {
        FeatureRows.RequireCount(features, FeatureCount);
        if (!FeatureRows.AllFinite(features))
        {
            Rejected++;
            return false;
        }

        if (_times.Count > 0 && time < _times[^1])
        {
            _timeOrdered = false;
        }

        _features.AddRange(features);
        _labels.Add(label);
        _times.Add(time);
        if (label)
        {
            Positives++;
        }

        return true;
    }

    /// <summary>All feature values, row-major; valid until the next <see cref="Add"/>.</summary>
    public ReadOnlySpan<double> AllFeatures => CollectionsMarshal.AsSpan(_features);

    /// <summary>The features of one row; valid until the next <see cref="Add"/>.</summary>
    public ReadOnlySpan<double> Features(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
        return CollectionsMarshal.AsSpan(_features).Slice(row * FeatureCount, FeatureCount);
    }

    public bool Label(int row) => _labels[row];

    public long Time(int row) => _times[row];

    /// <summary>
    /// Splits by time, no shuffling: the earliest ⌊fraction·n⌋ rows train, the rest test, so the model
    /// never sees the future it is tested on. Rows are ordered by time, ties kept in insertion order.
    /// A timestamp shared across the cut would put one instant on both sides, so the cut moves back to
    /// the start of that run (forward to its end if the run starts at the first row): every train row
    /// is strictly earlier than every test row.
    /// </summary>
    public (LabeledDataset Train, LabeledDataset Test) SplitByTime(double trainFraction)
    {
        if (!(trainFraction > 0 && trainFraction < 1))
        {
            throw new InvalidParameterException("train_fraction", $"must be strictly between 0 and 1, got {trainFraction.ToString(CultureInfo.InvariantCulture)}");
        }

        int[] order = TimeOrder();
        int cut = (int)Math.Floor(trainFraction * Count);
        if (cut > 0 && cut < Count && _times[order[cut - 1]] == _times[order[cut]])
        {
            long tied = _times[order[cut]];
            int start = cut;
            while (start > 0 && _times[order[start - 1]] == tied)
            {
                start--;
            }

            int end = cut;
            while (end < Count && _times[order[end]] == tied)
            {
                end++;
            }

            cut = start > 0 ? start : end;
        }

        var train = new LabeledDataset(_names);
        var test = new LabeledDataset(_names);
        for (int i = 0; i < order.Length; i++)
        {
            int row = order[i];
            (i < cut ? train : test).Add(_times[row], Features(row), _labels[row]);
        }

        return (train, test);
    }

    /// <summary>
    /// CSV for inspection elsewhere: header = feature names then <c>label</c> (0/1), one row per fill in
    /// insertion order; numbers in invariant culture, shortest round-trip form.
    /// </summary>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Join(',', _names));
        writer.WriteLine(",label");
        for (int row = 0; row < Count; row++)
        {
            foreach (double value in Features(row))
            {
                writer.Write(value.ToString("R", CultureInfo.InvariantCulture));
                writer.Write(',');
            }

            writer.WriteLine(_labels[row] ? '1' : '0');
        }
    }

    /// <summary>Null when the names are usable as feature names (and CSV columns), else why not.</summary>
    internal static string? NameProblem(IReadOnlyList<string?> names)
    {
        if (names.Count == 0)
        {
            return "needs at least one feature";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string? name in names)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return "a feature name is empty";
            }

            if (name.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                return $"feature name '{name}' holds a comma, quote or line break (it becomes a CSV column)";
            }

            if (name == "label")
            {
                return "'label' is reserved for the label column";
            }

            if (!seen.Add(name))
            {
                return $"feature name '{name}' appears twice";
            }
        }

        return null;
    }

    private int[] TimeOrder()
    {
        int[] order = new int[Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        if (!_timeOrdered)
        {
            // Array.Sort is not stable; breaking ties by insertion index makes it so.
            Array.Sort(order, (a, b) => _times[a] != _times[b] ? _times[a].CompareTo(_times[b]) : a.CompareTo(b));
        }

        return order;
    }
}
