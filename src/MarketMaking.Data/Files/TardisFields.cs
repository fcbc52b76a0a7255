using MarketMaking.Core.MarketData;
using MarketMaking.Data.Text;

namespace MarketMaking.Data.Files;

/// <summary>Field conversions shared by the Tardis.dev CSV parsers.</summary>
internal static class TardisFields
{
    /// <summary>A Tardis time (µs since the epoch) in ns; reports it and returns false when it is not a number.</summary>
    public static bool TryMicros(ParseContext context, ReadOnlySpan<byte> text, long lineNumber, string field, out long nanoseconds)
    {
        if (DecimalText.TryParse(text, out long mantissa, out int decimals) && mantissa >= 0
            && DecimalText.TryToNanoseconds(mantissa, decimals, 3, out nanoseconds))
        {
            return true;
        }

        nanoseconds = 0;
        context.BadRows.Report(BadRowReason.UnparsableNumber, lineNumber, field, "not a time in microseconds");
        return false;
    }
}
