using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MarketMaking.Dashboard.Tests;

/// <summary>
/// A strict reader of Prometheus' text exposition format 0.0.4 (what a Prometheus server scrapes):
/// every line is a HELP, a TYPE or a sample; a family's TYPE comes once, before its samples; a sample
/// belongs to the family its TYPE named (histograms: _bucket, _sum, _count). Anything else throws.
/// </summary>
internal static partial class PrometheusText
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public sealed record Exposition(IReadOnlyDictionary<string, string> Types, IReadOnlyList<Sample> Samples)
    {
        public double Sum(string name, Func<IReadOnlyDictionary<string, string>, bool>? where = null) =>
            Samples.Where(s => s.Name == name && (where is null || where(s.Labels))).Sum(s => s.Value);

        public double One(string name, params (string Label, string Value)[] labels)
        {
            Sample[] matching = [.. Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out string? v) && v == l.Value))];
            return matching.Length == 1 ? matching[0].Value : throw new InvalidOperationException($"{matching.Length} samples of {name} {string.Join(',', labels)}");
        }
    }

    public static Exposition Parse(string text)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new List<Sample>();
        string[] lines = text.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n];
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                Require(Help().IsMatch(line), n, line, "a HELP line");
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                Match type = Type().Match(line);
                Require(type.Success, n, line, "a TYPE line");
                string family = type.Groups[1].Value;
                Require(!types.ContainsKey(family), n, line, "one TYPE per family");
                Require(!samples.Any(s => s.Name == family || s.Name.StartsWith(family + "_", StringComparison.Ordinal) && Suffixed(s.Name, family)), n, line, "TYPE before the family's samples");
                types[family] = type.Groups[2].Value;
                continue;
            }

            Require(!line.StartsWith('#'), n, line, "no other comment");
            Match sample = SampleLine().Match(line);
            Require(sample.Success, n, line, "a sample: name{labels} value");
            string name = sample.Groups[1].Value;
            var labels = sample.Groups[2].Success ? Labels(sample.Groups[2].Value, n, line) : new Dictionary<string, string>();
            double value = sample.Groups[3].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                string v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            string? owner = types.Keys.FirstOrDefault(f => f == name || Suffixed(name, f) && types[f] == "histogram");
            Require(owner is not null, n, line, "a sample of a family whose TYPE came before");
            samples.Add(new Sample(name, labels, value));
        }

        return new Exposition(types, samples);
    }

    private static bool Suffixed(string name, string family) =>
        name == family + "_bucket" || name == family + "_sum" || name == family + "_count";

    private static Dictionary<string, string> Labels(string text, int n, string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        int i = 0;
        while (i < text.Length)
        {
            Match name = LabelName().Match(text, i);
            Require(name.Success && name.Index == i, n, line, "a label name");
            i += name.Length;
            Require(i + 1 < text.Length && text[i] == '=' && text[i + 1] == '"', n, line, "label=\"value\"");
            i += 2;
            var value = new StringBuilder();
            while (i < text.Length && text[i] != '"')
            {
                if (text[i] == '\\')
                {
                    Require(i + 1 < text.Length && text[i + 1] is '\\' or '"' or 'n', n, line, "an escape \\\\, \\\" or \\n");
                    value.Append(text[i + 1] == 'n' ? '\n' : text[i + 1]);
                    i += 2;
                    continue;
                }

                value.Append(text[i++]);
            }

            Require(i < text.Length, n, line, "a closed label value");
            Require(labels.TryAdd(name.Value, value.ToString()), n, line, "each label once");
            i++;
            if (i < text.Length)
            {
                Require(text[i] == ',', n, line, "a comma between labels");
                i++;
            }
        }

        return labels;
    }

    private static void Require(bool condition, int n, string line, string what)
    {
        if (!condition)
        {
            throw new FormatException($"line {n + 1}: expected {what}: {line}");
        }
    }

    [GeneratedRegex(@"^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$")]
    private static partial Regex Help();

    [GeneratedRegex(@"^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$")]
    private static partial Regex Type();

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? ([-+]?(?:[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?|Inf|NaN))(?: -?[0-9]+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex LabelName();
}
