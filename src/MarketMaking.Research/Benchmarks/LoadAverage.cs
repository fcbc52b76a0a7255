using System.Globalization;

namespace MarketMaking.Research.Benchmarks;

/// <summary>
/// The machine's one-minute load average, printed beside a speed figure: on a shared machine a
/// figure means little without the load it was measured under.
/// </summary>
public static class LoadAverage
{
    /// <summary>The first field of /proc/loadavg; null where there is none (not Linux).</summary>
    public static double? OneMinute()
    {
        try
        {
            string text = File.ReadAllText("/proc/loadavg");
            int end = text.IndexOf(' ', StringComparison.Ordinal);
            return double.TryParse(end > 0 ? text[..end] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out double load) ? load : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
