namespace MarketMaking.Core.Randomness;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): turns a seed into well-mixed 64-bit words. Used only to
/// seed the per-trajectory generators, as the xoshiro authors recommend.
/// </summary>
public static class SplitMix64
{
    public static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A stream key for (seed, index): different indices give independent streams.</summary>
    public static ulong StreamKey(ulong seed, long index)
    {
        ulong state = seed ^ (0xD1B54A32D192ED03UL * (ulong)(index + 1));
        return Next(ref state);
    }
}
