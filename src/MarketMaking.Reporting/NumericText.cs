using System.Globalization;

namespace MarketMaking.Reporting;

/// <summary>Decides which table cells hold numbers, so they can be right-aligned.</summary>
internal static class NumericText
{
    /// <summary>True for invariant-culture numbers such as "-1,234.5", "1e-4", "12.5%", "NaN".</summary>
    public static bool IsNumeric(string cell)
    {
        ReadOnlySpan<char> text = cell.AsSpan().Trim();
        if (text.EndsWith('%'))
        {
            text = text[..^1].TrimEnd();
        }

        return !text.IsEmpty
            && double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _);
    }
}
