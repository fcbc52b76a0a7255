using System.Globalization;
using MarketMaking.Core.Errors;

namespace MarketMaking.Research;

/// <summary>New York wall-clock times on the command line (mm judge, mm train --env tape) and in a policy's record.</summary>
public static class Clocks
{
    /// <summary>A time such as 12:00 or 12:00:30.</summary>
    /// <exception cref="InvalidParameterException">The text is not such a time (the error names <paramref name="option"/>).</exception>
    public static TimeOnly Parse(string option, string text) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly time)
            ? time
            : throw new InvalidParameterException(option, $"expected a time such as 12:00, got '{text}'");

    /// <summary>The time as <see cref="Parse"/> reads it, seconds only when there are some: one text for each time (09:30:00 is 09:30).</summary>
    public static string Format(TimeOnly time) => time.ToString(time.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);
}
