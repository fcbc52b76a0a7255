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
        string h = high.ToString("x16", CultureInfo.InvariantCulture);
        string l = low.ToString("x16", CultureInfo.InvariantCulture);
        return $"{h[..8]}-{h[8..12]}-{h[12..]}-{l[..4]}-{l[4..]}";
    }
}
