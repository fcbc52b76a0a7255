using System.Globalization;
using MarketMaking.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MarketMaking.Venue.Faults;

/// <summary>
/// Reads a faults file: top-level keys are fault names (and an optional <c>seed</c>), each a section
/// of its rule's settings in snake_case; times are <c>250ms</c>, <c>30s</c>, <c>2m</c> or plain
/// seconds. A mistake stops with one line naming the file, the line and the key
/// (<see cref="ConfigurationException"/>).
/// </summary>
public static class FaultFile
{
    private static readonly string[] Common = ["rate", "at", "every", "duration"];

    private static readonly Dictionary<FaultKind, string[]> Extra = new()
    {
        [FaultKind.PrivateDelay] = ["delay"],
        [FaultKind.Timeout] = ["hold", "executed"],
        [FaultKind.ServerError] = ["status"],
        [FaultKind.RateLimitSqueeze] = ["factor"],
        [FaultKind.ClockSkew] = ["offset"],
        [FaultKind.RejectOrder] = ["code"],
    };

    public static FaultPlan Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidParameterException("faults", $"file not found: {path}");
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new ConfigurationException(path, e.Start.Line, "syntax", e.InnerException?.Message ?? e.Message);
        }

        if (stream.Documents.Count == 0)
        {
            return FaultPlan.None;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ConfigurationException(path, stream.Documents[0].RootNode.Start.Line, "root", "expected fault names, each with its settings");
        }

        ulong? seed = null;
        var rules = new Dictionary<FaultKind, FaultRule>();
        foreach ((YamlNode keyNode, YamlNode value) in root.Children)
        {
            string key = ((YamlScalarNode)keyNode).Value ?? "";
            long line = keyNode.Start.Line;
            if (key == "seed")
            {
                seed = ulong.TryParse(Scalar(path, value, key), NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong s)
                    ? s
                    : throw new ConfigurationException(path, value.Start.Line, key, $"expected a whole number, got '{Scalar(path, value, key)}'");
                continue;
            }

            if (!FaultNames.TryParse(key, out FaultKind kind))
            {
                throw new ConfigurationException(path, line, key, $"unknown fault; known: seed, {string.Join(", ", FaultNames.All)}");
            }

            if (value is not YamlMappingNode settings)
            {
                throw new ConfigurationException(path, value.Start.Line, key, "expected its settings (rate, at, every, duration, ...)");
            }

            rules[kind] = Rule(path, kind, settings, line);
        }

        return new FaultPlan { Seed = seed, Rules = rules };
    }

    /// <summary><c>250ms</c>, <c>30s</c>, <c>2m</c>, <c>1h</c> or plain seconds; null when it is none of these.</summary>
    public static TimeSpan? ParseTime(string text)
    {
        text = text.Trim();
        (string number, double unit) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 0.001),
            _ when text.EndsWith('s') => (text[..^1], 1),
            _ when text.EndsWith('m') => (text[..^1], 60),
            _ when text.EndsWith('h') => (text[..^1], 3600),
            _ => (text, 1),
        };
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && value >= 0
            ? TimeSpan.FromSeconds(value * unit)
            : null;
    }

    private static FaultRule Rule(string path, FaultKind kind, YamlMappingNode settings, long line)
    {
        string[] allowed = [.. Common, .. Extra.GetValueOrDefault(kind, [])];
        var rule = new FaultRule();
        string name = kind.Name();
        foreach ((YamlNode keyNode, YamlNode value) in settings.Children)
        {
            string key = ((YamlScalarNode)keyNode).Value ?? "";
            string at = $"{name}.{key}";
            if (!allowed.Contains(key))
            {
                throw new ConfigurationException(path, keyNode.Start.Line, at, $"{name} takes {string.Join(", ", allowed)}");
            }

            rule = key switch
            {
                "rate" => rule with { Rate = Number(path, value, at, 0, kind is FaultKind.DropConnection or FaultKind.MarketDataPause or FaultKind.RateLimitSqueeze or FaultKind.ClockSkew ? double.MaxValue : 1) },
                "at" => rule with { At = Times(path, value, at) },
                "every" => rule with { Every = Time(path, value, at) },
                "duration" => rule with { Duration = Time(path, value, at) },
                "delay" => rule with { Delay = Time(path, value, at) },
                "hold" => rule with { Hold = Time(path, value, at) },
                "executed" => rule with { Executed = Number(path, value, at, 0, 1) },
                "status" => rule with { Status = (int)Number(path, value, at, 500, 599) },
                "factor" => rule with { Factor = Number(path, value, at, 0, 1) },
                "offset" => rule with { Offset = SignedTime(path, value, at) },
                "code" => rule with { Code = (int)Number(path, value, at, 0, int.MaxValue) },
                _ => rule,
            };
        }

        if (rule.Rate == 0 && !rule.IsScheduled)
        {
            throw new ConfigurationException(path, line, name, "needs a rate or a schedule (at, every)");
        }

        return rule;
    }

    private static string Scalar(string path, YamlNode node, string key) =>
        node is YamlScalarNode { Value: { } text } ? text : throw new ConfigurationException(path, node.Start.Line, key, "expected a single value");

    private static double Number(string path, YamlNode node, string key, double min, double max)
    {
        string text = Scalar(path, node, key);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value >= min && value <= max
            ? value
            : throw new ConfigurationException(path, node.Start.Line, key, max == double.MaxValue ? $"expected a number ≥ {min}, got '{text}'" : $"expected a number from {min} to {max}, got '{text}'");
    }

    private static TimeSpan Time(string path, YamlNode node, string key)
    {
        string text = Scalar(path, node, key);
        return ParseTime(text) ?? throw new ConfigurationException(path, node.Start.Line, key, $"expected a time such as 250ms, 30s or 2m, got '{text}'");
    }

    private static TimeSpan SignedTime(string path, YamlNode node, string key)
    {
        string text = Scalar(path, node, key).Trim();
        bool negative = text.StartsWith('-');
        TimeSpan magnitude = ParseTime(negative ? text[1..] : text) ?? throw new ConfigurationException(path, node.Start.Line, key, $"expected a time such as -2s or 500ms, got '{text}'");
        return negative ? -magnitude : magnitude;
    }

    private static TimeSpan[] Times(string path, YamlNode node, string key) => node switch
    {
        YamlSequenceNode list => [.. list.Children.Select(item => Time(path, item, key))],
        _ => [Time(path, node, key)],
    };
}
