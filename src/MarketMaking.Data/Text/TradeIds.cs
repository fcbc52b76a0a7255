namespace MarketMaking.Data.Text;

/// <summary>
/// A trade id as a number: numeric ids as they are; others (Bybit and BitMEX use UUIDs) as a
/// 63-bit FNV-1a hash of the text, so equal ids stay equal and duplicates can still be spotted.
/// </summary>
internal static class TradeIds
{
    public static long FromText(ReadOnlySpan<byte> text)
    {
        if (DecimalText.TryParseInteger(text, out long id))
        {
            return id;
        }

        ulong hash = 14695981039346656037;
        foreach (byte c in text)
        {
            hash = (hash ^ c) * 1099511628211;
        }

        return (long)(hash & long.MaxValue);
    }
}
