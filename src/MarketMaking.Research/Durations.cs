using System.Globalization;
using System.Text.RegularExpressions;
using MarketMaking.Core.Errors;

namespace MarketMaking.Research;

/// <summary>
/// Durations written as 250us, 5ms, 90s, 30m, 1h, 1h30m or 2d: how every front end (command line,
/// config files, reports) spells a latency, a window or an interval.
/// </summary>
public static partial class Durations
{
    private static readonly (string Unit, TimeSpan Length)[] Units =
    [
        ("d", TimeSpan.FromDays(1)), ("h", TimeSpan.FromHours(1)), ("m", TimeSpan.FromMinutes(1)),
        ("s", TimeSpan.FromSeconds(1)), ("ms", TimeSpan.FromMilliseconds(1)), ("us", TimeSpan.FromMicroseconds(1)),
    ];

    /// <summary>
    /// Parses a duration for <paramref name="option"/> (the name an error reports); zero is allowed
    /// only when <paramref name="allowZero"/>.
    /// </summary>
    /// <exception cref="InvalidParameterException">The text is not a duration, or is zero when zero is not allowed.</exception>
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

    /// <summary>
    /// The duration in the largest unit that holds it whole (5ms, 90s as 90s, 2h as 2h); zero is
    /// written 0ms, the unit latencies and intervals are usually given in. <see cref="Parse"/> reads it back.
    /// </summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0ms";
        }

        foreach ((string unit, TimeSpan length) in Units)
        {
            if (duration.Ticks % length.Ticks == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{duration.Ticks / length.Ticks}{unit}");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMicroseconds:R}us");
    }

    /// <summary>The duration in nanoseconds, the unit of market-event time stamps.</summary>
    public static long Nanoseconds(TimeSpan duration) => duration.Ticks * TimeSpan.NanosecondsPerTick;

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(us|ms|s|m|h|d)")]
    private static partial Regex Part();
}
