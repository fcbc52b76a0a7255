using System.Globalization;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Randomness;

namespace MarketMaking.Cli.Tuning;

/// <summary>
/// The points of a sweep: the full grid of <c>--grid name=v1,v2,…</c> values, or <c>--random N</c>
/// points drawn uniformly from <c>--range name=low:high</c> (seeded), in a fixed order so shards and
/// resumed runs agree on which point is which.
/// </summary>
internal static class ParameterSpace
{
    public static IReadOnlyList<TunePoint> Grid(IReadOnlyList<string> specs)
    {
        var axes = specs.Select(ParseGrid).ToList();
        RequireDistinct(axes.Select(a => a.Name));
        IEnumerable<List<(string, double)>> points = [[]];
        foreach ((string name, double[] values) in axes)
        {
            points = points.SelectMany(p => values.Select(v => new List<(string, double)>(p) { (name, v) }));
        }

        return [.. points.Select((p, i) => new TunePoint(i, p))];
    }

    public static IReadOnlyList<TunePoint> Random(IReadOnlyList<string> specs, int count, ulong seed)
    {
        var ranges = specs.Select(ParseRange).ToList();
        RequireDistinct(ranges.Select(r => r.Name));
        var random = new ScalarRandom(seed, 7);
        var points = new List<TunePoint>(count);
        for (int i = 0; i < count; i++)
        {
            points.Add(new TunePoint(i, [.. ranges.Select(r => (r.Name, r.Low + ((r.High - r.Low) * random.NextUniform())))]));
        }

        return points;
    }

    private static (string Name, double[] Values) ParseGrid(string spec)
    {
        (string name, string list) = Split(spec, "grid", "name=v1,v2,…");
        double[] values = [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(v => Number("grid", name, v))];
        return values.Length > 0 ? (name, values) : throw new InvalidParameterException("grid", $"'{spec}' lists no values");
    }

    private static (string Name, double Low, double High) ParseRange(string spec)
    {
        (string name, string range) = Split(spec, "range", "name=low:high");
        string[] bounds = range.Split(':');
        if (bounds.Length != 2)
        {
            throw new InvalidParameterException("range", $"'{spec}': expected name=low:high");
        }

        double low = Number("range", name, bounds[0]), high = Number("range", name, bounds[1]);
        return high > low ? (name, low, high) : throw new InvalidParameterException("range", $"'{spec}': high must exceed low");
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
