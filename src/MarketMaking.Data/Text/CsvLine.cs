namespace MarketMaking.Data.Text;

/// <summary>
/// Splits one CSV line at commas into field ranges, without allocating. The formats read here never
/// quote a comma; surrounding quotes and spaces are trimmed from a field.
/// </summary>
internal static class CsvLine
{
    /// <summary>Fills <paramref name="fields"/>; returns the number of fields on the line (which may exceed the span).</summary>
    public static int Split(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        int count = 0;
        int start = 0;
        while (true)
        {
            int comma = line[start..].IndexOf((byte)',');
            int stop = comma < 0 ? line.Length : start + comma;
            if (count < fields.Length)
            {
                fields[count] = new Range(start, stop);
            }

            count++;
            if (comma < 0)
            {
                return count;
            }

            start = stop + 1;
        }
    }

    public static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, Range range)
    {
        ReadOnlySpan<byte> field = line[range].Trim((byte)' ');
        if (field.Length >= 2 && field[0] == '"' && field[^1] == '"')
        {
            field = field[1..^1];
        }

        return field;
    }

    /// <summary>Index of each wanted column name in a header line (case-insensitive), −1 where absent.</summary>
    public static int[] MapHeader(ReadOnlySpan<byte> header, IReadOnlyList<string[]> wanted)
    {
        Span<Range> fields = stackalloc Range[256];
        int count = Math.Min(Split(header, fields), fields.Length);
        var names = new string[count];
        for (int i = 0; i < count; i++)
        {
            names[i] = System.Text.Encoding.UTF8.GetString(Field(header, fields[i])).Trim().ToLowerInvariant();
        }

        var map = new int[wanted.Count];
        for (int w = 0; w < wanted.Count; w++)
        {
            map[w] = Array.FindIndex(names, n => wanted[w].Contains(n));
        }

        return map;
    }
}
