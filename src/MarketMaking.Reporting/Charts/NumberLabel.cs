using System.Globalization;

namespace MarketMaking.Reporting.Charts;

/// <summary>Compact tick labels: 0.5, 100, 1.2k, 2.5M, 1e-4.</summary>
internal static class NumberLabel
{
    public static string Format(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        if (!double.IsFinite(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        // Round first so 999,999 becomes "1M" rather than "1000k".
        double rounded = RoundSignificant(value, 4);
        double abs = Math.Abs(rounded);
        if (abs < 1e-3 || abs >= 1e15)
        {
            return Scientific(rounded);
        }

        if (abs < 1e3)
        {
            return rounded.ToString("G4", CultureInfo.InvariantCulture);
        }

        (double divisor, string suffix) = abs switch
        {
            >= 1e12 => (1e12, "T"),
            >= 1e9 => (1e9, "G"),
            >= 1e6 => (1e6, "M"),
            _ => (1e3, "k"),
        };
        return (rounded / divisor).ToString("G4", CultureInfo.InvariantCulture) + suffix;
    }

    private static double RoundSignificant(double value, int digits)
    {
        double scale = Math.Pow(10, digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(value))));
        // Subnormal inputs would overflow the scale; they are already beyond any label's precision.
        return double.IsFinite(scale) ? Math.Round(value * scale) / scale : value;
    }

    private static string Scientific(double value)
    {
        int exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        double mantissa = Math.Round(value / Math.Pow(10, exponent), 2);
        if (Math.Abs(mantissa) >= 10)
        {
            mantissa /= 10;
            exponent++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{mantissa:G3}e{exponent}");
    }
}
