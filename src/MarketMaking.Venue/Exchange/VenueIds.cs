using System.Globalization;
using MarketMaking.Core.Randomness;

namespace MarketMaking.Venue.Exchange;

/// <summary>Bybit-style UUIDs (order ids, execution ids, trade ids) drawn from the seed: the same seed and requests give the same ids.</summary>
internal sealed class VenueIds
{
    private readonly ulong _seed;
    private long _next;

    public VenueIds(ulong seed, long salt)
    {
        _seed = SplitMix64.StreamKey(seed, salt);
    }

    public string Next()
    {
        ulong state = _seed ^ (ulong)Interlocked.Increment(ref _next);
        ulong high = SplitMix64.Next(ref state);
        ulong low = SplitMix64.Next(ref state);
        // Version 4, variant 1 bits, as Bybit's ids are.
        high = (high & 0xFFFFFFFFFFFF0FFFUL) | 0x0000000000004000UL;
        low = (low & 0x3FFFFFFFFFFFFFFFUL) | 0x8000000000000000UL;
        return string.Create(36, (high, low), static (id, words) =>
        {
            Span<char> hex = stackalloc char[32];
            words.high.TryFormat(hex, out _, "x16", CultureInfo.InvariantCulture);
            words.low.TryFormat(hex[16..], out _, "x16", CultureInfo.InvariantCulture);
            hex[..8].CopyTo(id);
            hex[8..12].CopyTo(id[9..]);
            hex[12..16].CopyTo(id[14..]);
            hex[16..20].CopyTo(id[19..]);
            hex[20..].CopyTo(id[24..]);
            id[8] = id[13] = id[18] = id[23] = '-';
        });
    }
}
