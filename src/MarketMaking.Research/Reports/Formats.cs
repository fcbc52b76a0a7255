using System.Globalization;

namespace MarketMaking.Research.Reports;

/// <summary>Number formats of tables and reports: invariant culture, a dash where a value is undefined.</summary>
public static class Formats
{
    /// <summary><paramref name="value"/> with <paramref name="decimals"/> decimals; a dash when it is not finite.</summary>
    public static string Fixed(double value, int decimals) =>
        double.IsFinite(value) ? value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "–";

    /// <summary>With an explicit sign; a value that rounds to zero shows as 0 without one.</summary>
    public static string WithSign(double value, int decimals)
    {
        double rounded = Math.Round(value, decimals);
        string magnitude = Math.Abs(rounded).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return rounded > 0 ? "+" + magnitude : rounded < 0 ? "-" + magnitude : magnitude;
    }

    /// <summary>Four decimals, one for large magnitudes (≥ 100): for wide tables of mixed metrics.</summary>
    public static string Compact(double value) => Fixed(value, Math.Abs(value) >= 100 ? 1 : 4);

    /// <summary>A cell of a results file: <see cref="Compact"/> when it holds a number, as written otherwise.</summary>
    public static string CompactCell(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? Compact(v) : cell;

    /// <summary>A fraction as a percentage with one decimal; a dash when it is not finite.</summary>
    public static string Percent(double fraction) => double.IsFinite(fraction) ? (fraction * 100).ToString("F1", CultureInfo.InvariantCulture) + "%" : "–";

    /// <summary>A rate per second with a k, M or G suffix.</summary>
    public static string Rate(double perSecond) => perSecond switch
    {
        >= 1e9 => (perSecond / 1e9).ToString("F2", CultureInfo.InvariantCulture) + " G",
        >= 1e6 => (perSecond / 1e6).ToString("F1", CultureInfo.InvariantCulture) + " M",
        >= 1e3 => (perSecond / 1e3).ToString("F1", CultureInfo.InvariantCulture) + " k",
        _ => perSecond.ToString("F0", CultureInfo.InvariantCulture),
    };
}
