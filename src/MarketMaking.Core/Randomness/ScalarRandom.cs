using System.Numerics;
using System.Runtime.CompilerServices;

namespace MarketMaking.Core.Randomness;

/// <summary>
/// xoshiro256** (Blackman &amp; Vigna) for one stream: fast, small, seeded through SplitMix64.
/// For event-driven simulations that draw a handful of numbers per event, where System.Random's
/// virtual calls and range checks would dominate.
/// </summary>
public struct ScalarRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public ScalarRandom(ulong seed, long stream = 0)
    {
        ulong state = SplitMix64.StreamKey(seed, stream);
        _s0 = SplitMix64.Next(ref state);
        _s1 = SplitMix64.Next(ref state);
        _s2 = SplitMix64.Next(ref state);
        _s3 = SplitMix64.Next(ref state);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextBits()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextUniform() => (NextBits() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n) (Lemire's multiply-shift; bias below 2⁻³² for n below 2³²).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInt(int n) => (int)(((NextBits() >> 32) * (ulong)n) >> 32);

    /// <summary>Exponential with the given rate (mean 1/rate).</summary>
    public double NextExponential(double rate) => -Math.Log(1 - NextUniform()) / rate;

    /// <summary>Standard normal by Box–Muller.</summary>
    public double NextNormal() => Math.Sqrt(-2 * Math.Log(1 - NextUniform())) * Math.Cos(2 * Math.PI * NextUniform());

    /// <summary>Number of failures before the first success, success probability p (mean (1 − p)/p).</summary>
    public int NextGeometric(double p) => p >= 1 ? 0 : NextGeometricLog(Math.Log(1 - p));

    /// <summary>As <see cref="NextGeometric"/>, given ln(1 − p) (negative) computed once by the caller.</summary>
    public int NextGeometricLog(double logFailure) => logFailure == double.NegativeInfinity ? 0 : (int)Math.Floor(Math.Log(1 - NextUniform()) / logFailure);

    public bool NextBool() => (long)NextBits() < 0;
}
