using System.Globalization;
using System.Text.RegularExpressions;
using MarketMaking.Core.Errors;

namespace MarketMaking.Cli.Options;

/// <summary>Durations written as 250us, 5ms, 90s, 30m, 1h, 1h30m or 2d.</summary>
internal static partial class Durations
{
    /// <summary>Parses a duration for <paramref name="option"/>; zero is allowed only when <paramref name="allowZero"/>.</summary>
    public static TimeSpan Parse(string option, string text, bool allowZero = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        MatchCollection parts = Part().Matches(text);
        if (parts.Count == 0 || parts.Sum(p => p.Length) != text.Length)
        {
            throw new InvalidParameterException(option, $"'{text}' is not a duration; use e.g. 5ms, 90s, 30m, 1h30m or 2d");
        }

        TimeSpan total = TimeSpan.Zero;
        foreach (Match part in parts)
        {
            double amount = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "us" => TimeSpan.FromMicroseconds(amount),
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }

        return total > TimeSpan.Zero || (allowZero && total == TimeSpan.Zero)
            ? total
            : throw new InvalidParameterException(option, "must be longer than zero");
    }

    public static long Nanoseconds(TimeSpan duration) => duration.Ticks * TimeSpan.NanosecondsPerTick;

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(us|ms|s|m|h|d)")]
    private static partial Regex Part();
}
