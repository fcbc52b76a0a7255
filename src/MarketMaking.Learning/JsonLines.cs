using System.Text;

namespace MarketMaking.Learning;

/// <summary>Where a field of a JSON model file is, so an error can name its line.</summary>
internal static class JsonLines
{
    /// <summary>
    /// The line of "a.b[2].c": each name is searched for after the previous one, and an index
    /// skips that many later occurrences of the next name. Good enough to point a reader at the
    /// field; 1 when the text does not contain it (a missing field points at its parent).
    /// </summary>
    public static long LineOf(ReadOnlySpan<byte> json, string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        int position = 0, skip = 0;
        foreach (string segment in field.Split('.'))
        {
            string name = segment;
            int bracket = segment.IndexOf('[', StringComparison.Ordinal);
            int nextSkip = 0;
            if (bracket >= 0)
            {
                name = segment[..bracket];
                _ = int.TryParse(segment.AsSpan(bracket + 1, segment.Length - bracket - 2), out nextSkip);
            }

            byte[] key = Encoding.UTF8.GetBytes($"\"{name}\"");
            for (int occurrence = 0; occurrence <= skip; occurrence++)
            {
                int found = json[position..].IndexOf(key);
                if (found < 0)
                {
                    return Line(json, position);
                }

                position += found + (occurrence < skip ? key.Length : 0);
            }

            skip = nextSkip;
        }

        return Line(json, position);
    }

    private static long Line(ReadOnlySpan<byte> json, int position) => json[..position].Count((byte)'\n') + 1;
}
