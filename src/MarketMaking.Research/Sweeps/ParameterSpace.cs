using System.Globalization;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Randomness;

namespace MarketMaking.Research.Sweeps;

/// <summary>
/// The points of a sweep: the full grid of some axes' values, or N points drawn uniformly from
/// ranges (seeded), in a fixed order so shards and resumed runs agree on which point is which. A
/// parameter held as a whole number (<see cref="TunableParameters.IsWholeNumber"/>) takes whole
/// values only: a grid or range giving it a fraction is refused, and a draw is one of the whole
/// numbers in its range. Axes and ranges may be given as text too: <c>name=v1,v2,…</c> and <c>name=low:high</c>.
/// </summary>
public static class ParameterSpace
{
    /// <summary>Every combination of the axes' values; the last axis varies fastest.</summary>
    /// <exception cref="InvalidParameterException">An axis names an unknown parameter, has no values, or is given twice.</exception>
    public static IReadOnlyList<SweepPoint> Grid(IReadOnlyList<ParameterAxis> axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        foreach (ParameterAxis axis in axes)
        {
            TunableParameters.Require(axis.Name);
            if (axis.Values.Count == 0)
            {
                throw new InvalidParameterException("grid", $"{axis.Name} lists no values");
            }

            foreach (double value in axis.Values)
            {
                TunableParameters.RequireValue("grid", axis.Name, value);
            }
        }

        RequireDistinct(axes.Select(a => a.Name));
        IEnumerable<List<(string, double)>> points = [[]];
        foreach (ParameterAxis axis in axes)
        {
            points = points.SelectMany(p => axis.Values.Select(v => new List<(string, double)>(p) { (axis.Name, v) }));
        }

        return [.. points.Select((p, i) => new SweepPoint(i, p))];
    }

    /// <summary>The grid of axes written <c>name=v1,v2,…</c>.</summary>
    /// <exception cref="InvalidParameterException">A spec is malformed, names an unknown parameter or is given twice.</exception>
    public static IReadOnlyList<SweepPoint> Grid(IReadOnlyList<string> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        return Grid([.. specs.Select(ParseAxis)]);
    }

    /// <summary><paramref name="count"/> points drawn uniformly from the ranges with <paramref name="seed"/>.</summary>
    /// <exception cref="InvalidParameterException">A range names an unknown parameter, is empty or is given twice.</exception>
    public static IReadOnlyList<SweepPoint> Random(IReadOnlyList<ParameterRange> ranges, int count, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        foreach (ParameterRange range in ranges)
        {
            TunableParameters.Require(range.Name);
            if (!(range.High > range.Low))
            {
                throw new InvalidParameterException("range", $"{range.Name}: high must exceed low");
            }

            TunableParameters.RequireValue("range", range.Name, range.Low);
            TunableParameters.RequireValue("range", range.Name, range.High);
        }

        RequireDistinct(ranges.Select(r => r.Name));
        var random = new ScalarRandom(seed, 7);
        var points = new List<SweepPoint>(count);
        for (int i = 0; i < count; i++)
        {
            points.Add(new SweepPoint(i, [.. ranges.Select(r => (r.Name, Draw(r, ref random)))]));
        }

        return points;
    }

    /// <summary><paramref name="count"/> points drawn from ranges written <c>name=low:high</c>.</summary>
    /// <exception cref="InvalidParameterException">A spec is malformed, names an unknown parameter or is given twice.</exception>
    public static IReadOnlyList<SweepPoint> Random(IReadOnlyList<string> specs, int count, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(specs);
        return Random([.. specs.Select(ParseRange)], count, seed);
    }

    /// <summary>One uniform draw from the range: of the whole numbers low…high (both included) for a whole-number parameter.</summary>
    private static double Draw(ParameterRange range, ref ScalarRandom random) =>
        TunableParameters.IsWholeNumber(range.Name)
            ? range.Low + random.NextInt((int)(range.High - range.Low) + 1)
            : range.Low + ((range.High - range.Low) * random.NextUniform());

    private static ParameterAxis ParseAxis(string spec)
    {
        (string name, string list) = Split(spec, "grid", "name=v1,v2,…");
        double[] values = [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(v => Number("grid", name, v))];
        return values.Length > 0 ? new ParameterAxis(name, values) : throw new InvalidParameterException("grid", $"'{spec}' lists no values");
    }

    private static ParameterRange ParseRange(string spec)
    {
        (string name, string range) = Split(spec, "range", "name=low:high");
        string[] bounds = range.Split(':');
        if (bounds.Length != 2)
        {
            throw new InvalidParameterException("range", $"'{spec}': expected name=low:high");
        }

        double low = Number("range", name, bounds[0]), high = Number("range", name, bounds[1]);
        return high > low ? new ParameterRange(name, low, high) : throw new InvalidParameterException("range", $"'{spec}': high must exceed low");
    }

    private static (string Name, string Remainder) Split(string spec, string option, string shape)
    {
        int equals = spec.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new InvalidParameterException(option, $"'{spec}': expected {shape}");
        }

        string name = spec[..equals].Trim();
        TunableParameters.Require(name);
        return (name, spec[(equals + 1)..]);
    }

    private static double Number(string option, string name, string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw new InvalidParameterException(option, $"{name}: '{text}' is not a number");

    private static void RequireDistinct(IEnumerable<string> names)
    {
        string? twice = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (twice is not null)
        {
            throw new InvalidParameterException("grid", $"'{twice}' is given twice");
        }
    }
}
