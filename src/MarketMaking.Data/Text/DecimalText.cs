namespace MarketMaking.Data.Text;

/// <summary>
/// Parses decimal text ("61800.20", "-0.5", "1e-7") into an exact integer mantissa and a count of
/// decimals (value = mantissa · 10^-decimals), so prices become ticks without binary round-off.
/// </summary>
internal static class DecimalText
{
    // 10^18 is the largest power of ten below long.MaxValue.
    private const int MaxDigits = 18;

    // A nanosecond time has 19 digits: they fit a ulong and are checked against long.MaxValue.
    private const int MaxSignificantDigits = 19;

    // A static array: a span property over a collection expression of longs allocated on every use.
    private static readonly long[] Powers =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
    ];

    public static ReadOnlySpan<long> PowersOfTen => Powers;

    /// <summary>
    /// Mantissa and decimals as written: "61800.20" gives 6180020 and 2 (trailing zeros count, so the
    /// number of decimals says how fine a grid the writer used). A negative exponent adds decimals.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long mantissa, out int decimals)
    {
        mantissa = 0;
        decimals = 0;
        int i = 0;
        bool negative = false;
        if (i < text.Length && (text[i] == '-' || text[i] == '+'))
        {
            negative = text[i] == '-';
            i++;
        }

        int digits = 0;
        int significant = 0;
        bool point = false;
        ulong value = 0;
        for (; i < text.Length; i++)
        {
            uint d = (uint)(text[i] - '0');
            if (d <= 9)
            {
                digits++;
                if (value != 0 || d != 0)
                {
                    if (++significant > MaxSignificantDigits)
                    {
                        return false;
                    }
                }

                value = (value * 10) + d;
                if (point)
                {
                    decimals++;
                }
            }
            else if (text[i] == '.' && !point)
            {
                point = true;
            }
            else
            {
                break;
            }
        }

        if (digits == 0 || value > long.MaxValue)
        {
            return false;
        }

        mantissa = (long)value;
        if (i < text.Length)
        {
            if ((text[i] | 0x20) != 'e' || !TryParseExponent(text[(i + 1)..], out int exponent))
            {
                return false;
            }

            decimals -= exponent;
            if (decimals < 0)
            {
                if (-decimals > MaxDigits || (mantissa != 0 && mantissa > long.MaxValue / PowersOfTen[-decimals]))
                {
                    return false;
                }

                mantissa *= PowersOfTen[-decimals];
                decimals = 0;
            }
        }

        if (negative)
        {
            mantissa = -mantissa;
        }

        return true;
    }

    /// <summary>A non-negative whole number with nothing else (ids, nanosecond timestamps of 19 digits).</summary>
    public static bool TryParseInteger(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 19)
        {
            return false;
        }

        ulong v = 0;
        foreach (byte c in text)
        {
            uint d = (uint)(c - '0');
            if (d > 9)
            {
                return false;
            }

            v = (v * 10) + d;
        }

        // 19 digits fit a ulong; anything above long.MaxValue is out of range.
        value = (long)v;
        return v <= long.MaxValue;
    }

    /// <summary>Nanoseconds from a decimal number of <paramref name="unitDigits"/>-scaled units (9 for seconds, 6 for ms, 3 for µs).</summary>
    public static bool TryToNanoseconds(long mantissa, int decimals, int unitDigits, out long nanoseconds)
    {
        int shift = unitDigits - decimals;
        nanoseconds = 0;
        if (shift >= 0)
        {
            if (shift > MaxDigits || Math.Abs(mantissa) > long.MaxValue / PowersOfTen[shift])
            {
                return false;
            }

            nanoseconds = mantissa * PowersOfTen[shift];
            return true;
        }

        // Finer than a nanosecond: truncate.
        nanoseconds = -shift > MaxDigits ? 0 : mantissa / PowersOfTen[-shift];
        return true;
    }

    private static bool TryParseExponent(ReadOnlySpan<byte> text, out int exponent)
    {
        exponent = 0;
        int i = 0;
        bool negative = false;
        if (i < text.Length && (text[i] == '-' || text[i] == '+'))
        {
            negative = text[i] == '-';
            i++;
        }

        if (i == text.Length || text.Length - i > 3)
        {
            return false;
        }

        for (; i < text.Length; i++)
        {
            uint d = (uint)(text[i] - '0');
            if (d > 9)
            {
                return false;
            }

            exponent = (exponent * 10) + (int)d;
        }

        exponent = negative ? -exponent : exponent;
        return true;
    }
}
