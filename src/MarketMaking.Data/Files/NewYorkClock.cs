namespace MarketMaking.Data.Files;

/// <summary>
/// New York wall-clock times of US equity data (LOBSTER, Lean) as UTC nanoseconds. Uses the system's
/// time zone database; without one, the US daylight-saving rule in force since 2007 (from 2:00 on the
/// second Sunday of March to 2:00 on the first Sunday of November, UTC−4, else UTC−5).
/// </summary>
public static class NewYorkClock
{
    private static readonly TimeZoneInfo? Zone = Find();

    /// <summary>UTC nanoseconds since the Unix epoch of <paramref name="milliseconds"/> after midnight of <paramref name="day"/> in New York.</summary>
    public static long ToUtcNanos(DateOnly day, long milliseconds)
    {
        DateTime local = day.ToDateTime(TimeOnly.MinValue).AddMilliseconds(milliseconds);
        TimeSpan offset = Zone?.GetUtcOffset(local) ?? RuleOffset(local);
        return (local.Ticks - offset.Ticks - DateTime.UnixEpoch.Ticks) * 100;
    }

    /// <summary>UTC nanoseconds of the New York wall-clock <paramref name="time"/> on <paramref name="day"/>.</summary>
    public static long ToUtcNanos(DateOnly day, TimeOnly time) => ToUtcNanos(day, time.Ticks / TimeSpan.TicksPerMillisecond);

    /// <summary>The New York calendar day of the instant <paramref name="utcNanos"/> (ns since the Unix epoch).</summary>
    public static DateOnly DayOf(long utcNanos)
    {
        DateTime utc = DateTime.UnixEpoch.AddTicks(utcNanos / 100);

        // The rule is stated in local time; five hours back is local time but within the hour of a change.
        DateTime local = Zone is { } zone ? TimeZoneInfo.ConvertTimeFromUtc(utc, zone) : utc + RuleOffset(utc.AddHours(-5));
        return DateOnly.FromDateTime(local);
    }

    /// <summary>True when the whole of <paramref name="day"/> has one UTC offset (every day but the two changes).</summary>
    public static bool HasFixedOffset(DateOnly day) =>
        ToUtcNanos(day, 0) + (86_400_000L * 1_000_000) == ToUtcNanos(day.AddDays(1), 0);

    /// <summary>The offset by the US rule since 2007, for a system without a time zone database.</summary>
    internal static TimeSpan RuleOffset(DateTime local)
    {
        DateTime start = NthSunday(local.Year, 3, 2).AddHours(2);
        DateTime end = NthSunday(local.Year, 11, 1).AddHours(2);
        return TimeSpan.FromHours(local >= start && local < end ? -4 : -5);
    }

    private static DateTime NthSunday(int year, int month, int n)
    {
        var first = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return first.AddDays((((int)DayOfWeek.Sunday - (int)first.DayOfWeek + 7) % 7) + (7 * (n - 1)));
    }

    private static TimeZoneInfo? Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
