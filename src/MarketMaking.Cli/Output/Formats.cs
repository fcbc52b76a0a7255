using System.Globalization;

namespace MarketMaking.Cli.Output;

/// <summary>Number formats for tables: invariant culture, a dash where a value is undefined.</summary>
internal static class Formats
{
    public static string Fixed(double value, int decimals) =>
        double.IsFinite(value) ? value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "–";

    /// <summary>With an explicit sign; a value that rounds to zero shows as 0 without one.</summary>
    public static string Signed(double value, int decimals)
    {
        double rounded = Math.Round(value, decimals);
        string magnitude = Math.Abs(rounded).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return rounded > 0 ? "+" + magnitude : rounded < 0 ? "-" + magnitude : magnitude;
    }

    /// <summary>Four decimals, one for large magnitudes (≥ 100): for wide tables of mixed metrics.</summary>
    public static string Compact(double value) => Fixed(value, Math.Abs(value) >= 100 ? 1 : 4);

    public static string Percent(double fraction) => double.IsFinite(fraction) ? (fraction * 100).ToString("F1", CultureInfo.InvariantCulture) + "%" : "–";

    public static string Rate(double perSecond) => perSecond switch
    {
        >= 1e9 => (perSecond / 1e9).ToString("F2", CultureInfo.InvariantCulture) + " G",
        >= 1e6 => (perSecond / 1e6).ToString("F1", CultureInfo.InvariantCulture) + " M",
        >= 1e3 => (perSecond / 1e3).ToString("F1", CultureInfo.InvariantCulture) + " k",
        _ => perSecond.ToString("F0", CultureInfo.InvariantCulture),
    };
}
