using System.Numerics;
using System.Runtime.CompilerServices;

namespace MarketMaking.Core.Randomness;

/// <summary>
/// xoshiro256+ (Blackman &amp; Vigna) run in every SIMD lane at once: lane i is the generator of one
/// trajectory, so a trajectory's numbers never depend on how trajectories are grouped into vectors,
/// on the vector width, or on the thread that runs it. Uniforms take the top 52 bits.
/// </summary>
public struct VectorRandom
{
    private Vector<ulong> _s0;
    private Vector<ulong> _s1;
    private Vector<ulong> _s2;
    private Vector<ulong> _s3;

    /// <summary>
    /// Seeds lane i with the stream of trajectory <paramref name="firstTrajectory"/> + i. Lanes past
    /// <paramref name="trajectoryCount"/> repeat the last trajectory (their results are ignored).
    /// </summary>
    public static VectorRandom ForTrajectories(ulong seed, long firstTrajectory, int trajectoryCount)
    {
        int width = Vector<ulong>.Count;
        Span<ulong> s0 = stackalloc ulong[width];
        Span<ulong> s1 = stackalloc ulong[width];
        Span<ulong> s2 = stackalloc ulong[width];
        Span<ulong> s3 = stackalloc ulong[width];
        for (int lane = 0; lane < width; lane++)
        {
            ulong state = SplitMix64.StreamKey(seed, firstTrajectory + Math.Min(lane, trajectoryCount - 1));
            s0[lane] = SplitMix64.Next(ref state);
            s1[lane] = SplitMix64.Next(ref state);
            s2[lane] = SplitMix64.Next(ref state);
            s3[lane] = SplitMix64.Next(ref state);
        }

        return new VectorRandom
        {
            _s0 = new Vector<ulong>(s0),
            _s1 = new Vector<ulong>(s1),
            _s2 = new Vector<ulong>(s2),
            _s3 = new Vector<ulong>(s3),
        };
    }

    /// <summary>Every lane runs the stream of one trajectory: the scalar path of the same numbers.</summary>
    public static VectorRandom ForTrajectory(ulong seed, long trajectory) => ForTrajectories(seed, trajectory, 1);

    /// <summary>Uniform doubles in [0, 1), one per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<double> NextUniform() => NextWord(out _);

    /// <summary>
    /// A uniform per lane and a fair coin per lane from bit 11 of the same word, which the uniform
    /// does not use. (Only xoshiro256+'s lowest few bits are weak; bit 11 is not.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<double> NextUniform(out Vector<long> coin)
    {
        Vector<double> uniform = NextWord(out Vector<ulong> word);
        Vector<ulong> bit = new(1UL << 11);
        coin = Vector.AsVectorInt64(Vector.Equals(word & bit, bit));
        return uniform;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector<double> NextWord(out Vector<ulong> word)
    {
        Vector<ulong> result = _s0 + _s3;
        word = result;
        Vector<ulong> t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = (_s3 << 45) | (_s3 >> 19);

        // 52 random mantissa bits under exponent 0: a double in [1, 2), minus one.
        Vector<ulong> bits = (result >> 12) | new Vector<ulong>(0x3FF0000000000000UL);
        return Vector.AsVectorDouble(bits) - Vector<double>.One;
    }

    /// <summary>Standard normal deviates by Box–Muller (cosine branch), two uniforms per call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<double> NextNormal()
    {
        // 1 − u lies in (0, 1], so the logarithm is finite.
        Vector<double> radius = Vector.SquareRoot(new Vector<double>(-2.0) * Vector.Log(Vector<double>.One - NextUniform()));
        return radius * Vector.Cos(new Vector<double>(2.0 * Math.PI) * NextUniform());
    }
}
