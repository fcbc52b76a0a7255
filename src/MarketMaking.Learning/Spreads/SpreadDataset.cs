using System.Runtime.InteropServices;

namespace MarketMaking.Learning.Spreads;

/// <summary>
/// Samples for the spread predictor, in time order: the market's features at the sample and the
/// window that followed (from which any candidate spread's outcome, and so the ex-post optimal
/// spread, is computed). Rows with a feature not yet defined are refused and counted.
/// </summary>
public sealed class SpreadDataset
{
    private readonly List<double> _features = [];
    private readonly List<SpreadWindow> _windows = [];
    private readonly List<long> _times = [];

    public SpreadDataset(IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        FeatureNames = [.. featureNames];
    }

    public IReadOnlyList<string> FeatureNames { get; }

    public int FeatureCount => FeatureNames.Count;

    public int Count => _windows.Count;

    /// <summary>Rows refused because a feature was NaN or infinite (signals warming up).</summary>
    public long Rejected { get; private set; }

    /// <summary>All feature values, row-major.</summary>
    public ReadOnlySpan<double> AllFeatures => CollectionsMarshal.AsSpan(_features);

    public ReadOnlySpan<double> Features(int row) => CollectionsMarshal.AsSpan(_features).Slice(row * FeatureCount, FeatureCount);

    public SpreadWindow Window(int row) => _windows[row];

    public long Time(int row) => _times[row];

    public bool Add(long time, ReadOnlySpan<double> features, SpreadWindow window)
    {
        FeatureRows.RequireCount(features, FeatureCount);
        if (!FeatureRows.AllFinite(features))
        {
            Rejected++;
            return false;
        }

        if (_times.Count > 0 && time < _times[^1])
        {
            throw new ArgumentException("rows must come in time order", nameof(time));
        }

        _features.AddRange(features);
        _windows.Add(window);
        _times.Add(time);
        return true;
    }

    /// <summary>The ex-post optimal half-spread (ticks) of every row.</summary>
    public double[] Targets(SpreadTargetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        double[] candidates = [.. settings.Candidates];
        return [.. _windows.Select(w => w.OptimalHalfSpread(candidates, settings.InventoryPenalty))];
    }

    /// <summary>The first <paramref name="trainFraction"/> of rows (by time) and the rest.</summary>
    public (SpreadDataset Train, SpreadDataset Test) SplitByTime(double trainFraction)
    {
        if (!(trainFraction is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(trainFraction), trainFraction, "must be in (0, 1)");
        }

        int cut = (int)Math.Round(Count * trainFraction);
        return (Slice(0, cut), Slice(cut, Count));
    }

    private SpreadDataset Slice(int from, int to)
    {
        var part = new SpreadDataset(FeatureNames);
        for (int row = from; row < to; row++)
        {
            part.Add(_times[row], Features(row), _windows[row]);
        }

        return part;
    }
}
