using System.Globalization;
using System.Text;

namespace MarketMaking.Core.MarketData;

/// <summary>
/// Times and durations in messages, as a user writes them: an instant as a date and time
/// (2012-06-21 10:30:00.123), a duration in days, hours, minutes and seconds (31 d 6 h 30 m,
/// 12.5 s), never as raw nanoseconds or TimeSpan's "31:6:30:00".
/// </summary>
public static class TimeText
{
    /// <summary>The instant <paramref name="nanoseconds"/> since the Unix epoch (UTC) as yyyy-MM-dd HH:mm:ss, with the fraction of a second it has (to the nanosecond).</summary>
    public static string Instant(long nanoseconds)
    {
        long seconds = Math.DivRem(nanoseconds, 1_000_000_000L, out long fraction);
        if (fraction < 0)
        {
            (seconds, fraction) = (seconds - 1, fraction + 1_000_000_000L);
        }

        string whole = DateTime.UnixEpoch.AddSeconds(seconds).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return whole + Fraction(fraction);
    }

    /// <summary>A wall-clock time <paramref name="nanoseconds"/> after midnight as HH:mm:ss with its fraction of a second (10:30:00.123).</summary>
    public static string TimeOfDay(long nanoseconds)
    {
        long seconds = Math.DivRem(nanoseconds, 1_000_000_000L, out long fraction);
        return string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}") + Fraction(fraction);
    }

    /// <summary>
    /// A duration in its nonzero units, to the millisecond: "31 d 6 h 30 m", "4 m 44.25 s", "12.5 s";
    /// under a second in milliseconds ("250 ms", "0.5 ms").
    /// </summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            return "−" + Duration(duration.Negate());
        }

        if (duration < TimeSpan.FromSeconds(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.###} ms");
        }

        // Rounded to the millisecond first, so 59.9996 s reads 1 m, not 60 s.
        var rounded = TimeSpan.FromMilliseconds(Math.Round(duration.TotalMilliseconds));
        var text = new StringBuilder();
        Append(text, rounded.Days, "d");
        Append(text, rounded.Hours, "h");
        Append(text, rounded.Minutes, "m");
        if (rounded.Seconds > 0 || rounded.Milliseconds > 0)
        {
            double seconds = rounded.Seconds + (rounded.Milliseconds / 1000.0);
            text.Append(text.Length > 0 ? " " : string.Empty).Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append(" s");
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, int amount, string unit)
    {
        if (amount > 0)
        {
            text.Append(text.Length > 0 ? " " : string.Empty).Append(amount.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(unit);
        }
    }

    /// <summary>".123" for 123,000,000 ns, ".000000001" for 1 ns, nothing for 0.</summary>
    private static string Fraction(long nanoseconds) =>
        nanoseconds == 0 ? string.Empty : "." + nanoseconds.ToString("000000000", CultureInfo.InvariantCulture).TrimEnd('0');
}
