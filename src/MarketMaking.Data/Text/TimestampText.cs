namespace MarketMaking.Data.Text;

/// <summary>
/// Timestamps of bar files: ISO-like date-times ("2021-12-31 23:01:00.000000", "2021-12-31T23:01:00Z",
/// with an optional ±hh:mm offset) taken as UTC unless an offset is given, or epoch numbers whose
/// unit follows from their size (seconds, milliseconds, microseconds or nanoseconds).
/// </summary>
internal static class TimestampText
{
    public static bool TryParse(ReadOnlySpan<byte> text, out long nanoseconds)
    {
        nanoseconds = 0;
        if (text.Length >= 10 && text[4] == '-' && text[7] == '-')
        {
            return TryParseDateTime(text, out nanoseconds);
        }

        if (!DecimalText.TryParse(text, out long mantissa, out int decimals) || mantissa < 0)
        {
            return false;
        }

        // The unit from the magnitude of the whole part: 1e11 s is the year 5138, 1e11 ms is 1973.
        long whole = mantissa / DecimalText.PowersOfTen[Math.Min(decimals, 18)];
        int unitDigits = whole < 100_000_000_000 ? 9 : whole < 100_000_000_000_000 ? 6 : whole < 100_000_000_000_000_000 ? 3 : 0;
        return DecimalText.TryToNanoseconds(mantissa, decimals, unitDigits, out nanoseconds);
    }

    private static bool TryParseDateTime(ReadOnlySpan<byte> s, out long nanoseconds)
    {
        nanoseconds = 0;
        if (!Digits(s, 0, 4, out int year) || !Digits(s, 5, 2, out int month) || !Digits(s, 8, 2, out int day))
        {
            return false;
        }

        int hour = 0, minute = 0, second = 0, i = 10;
        long fraction = 0;
        if (i < s.Length && (s[i] == ' ' || s[i] == 'T' || s[i] == 't'))
        {
            if (!Digits(s, i + 1, 2, out hour) || i + 3 >= s.Length || s[i + 3] != ':' || !Digits(s, i + 4, 2, out minute))
            {
                return false;
            }

            i += 6;
            if (i < s.Length && s[i] == ':')
            {
                if (!Digits(s, i + 1, 2, out second))
                {
                    return false;
                }

                i += 3;
                if (i < s.Length && (s[i] == '.' || s[i] == ','))
                {
                    int digits = 0;
                    for (i++; i < s.Length && (uint)(s[i] - '0') <= 9; i++, digits++)
                    {
                        if (digits < 9)
                        {
                            fraction = (fraction * 10) + (s[i] - '0');
                        }
                    }

                    if (digits == 0)
                    {
                        return false;
                    }

                    fraction *= DecimalText.PowersOfTen[Math.Max(0, 9 - digits)];
                }
            }
        }

        long offsetMinutes = 0;
        if (i < s.Length)
        {
            if (s[i] is (byte)'Z' or (byte)'z' && i == s.Length - 1)
            {
                i++;
            }
            else if (s[i] is (byte)'+' or (byte)'-' && s.Length - i == 6 && s[i + 3] == ':' && Digits(s, i + 1, 2, out int oh) && Digits(s, i + 4, 2, out int om))
            {
                offsetMinutes = (s[i] == '-' ? -1 : 1) * ((oh * 60) + om);
                i = s.Length;
            }
            else
            {
                return false;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month) || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        long ticks = new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks;
        nanoseconds = (ticks * 100) + fraction - (offsetMinutes * 60_000_000_000);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int at, int count, out int value)
    {
        value = 0;
        if (at + count > s.Length)
        {
            return false;
        }

        for (int k = at; k < at + count; k++)
        {
            uint d = (uint)(s[k] - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }
}
