using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MarketMaking.Core.Collections;

namespace MarketMaking.Core.Randomness;

/// <summary>
/// Four <see cref="ScalarRandom"/> streams advanced together in the lanes of 256-bit vectors (AVX2):
/// lane i draws exactly the words its scalar stream would, so a vectorized loop over trajectories
/// gives the numbers of the scalar loop bit for bit. Load four streams, draw, store them back.
/// </summary>
public struct ScalarRandomLanes
{
    private Vector256<ulong> _s0;
    private Vector256<ulong> _s1;
    private Vector256<ulong> _s2;
    private Vector256<ulong> _s3;

    /// <summary>Whether the processor runs this type (AVX2); otherwise use the scalar streams.</summary>
    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>The streams streams[start … start + 3].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarRandomLanes Load(Span<ScalarRandom> streams, int start)
    {
        // A ScalarRandom is its four state words in order: four streams are a 4 × 4 matrix of words.
        ref ulong words = ref Unsafe.As<ScalarRandom, ulong>(ref MemoryMarshal.GetReference(streams.Slice(start, Vector256<ulong>.Count)));
        var lanes = default(ScalarRandomLanes);
        WordTranspose.Of(Vector256.LoadUnsafe(ref words), Vector256.LoadUnsafe(ref words, 4), Vector256.LoadUnsafe(ref words, 8), Vector256.LoadUnsafe(ref words, 12),
            out lanes._s0, out lanes._s1, out lanes._s2, out lanes._s3);
        return lanes;
    }

    /// <summary>Writes the advanced streams back to streams[start … start + 3].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(Span<ScalarRandom> streams, int start)
    {
        ref ulong words = ref Unsafe.As<ScalarRandom, ulong>(ref MemoryMarshal.GetReference(streams.Slice(start, Vector256<ulong>.Count)));
        WordTranspose.Of(_s0, _s1, _s2, _s3, out Vector256<ulong> a, out Vector256<ulong> b, out Vector256<ulong> c, out Vector256<ulong> d);
        a.StoreUnsafe(ref words);
        b.StoreUnsafe(ref words, 4);
        c.StoreUnsafe(ref words, 8);
        d.StoreUnsafe(ref words, 12);
    }

    /// <summary><see cref="ScalarRandom.NextBits"/> in every lane (the products by 5 and 9 as shifts and adds: AVX2 has no 64-bit multiply).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<ulong> NextBits()
    {
        Vector256<ulong> times5 = (_s1 << 2) + _s1;
        Vector256<ulong> rotated = (times5 << 7) | (times5 >>> 57);
        Vector256<ulong> result = (rotated << 3) + rotated;
        Vector256<ulong> t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = (_s3 << 45) | (_s3 >>> 19);
        return result;
    }

    /// <summary>
    /// The integer behind <see cref="ScalarRandom.NextUniform"/> (u = k · 2⁻⁵³, k below 2⁵³); compare it with
    /// <see cref="UniformThreshold"/> of p: k &lt; threshold exactly when u &lt; p.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<long> NextUniformInteger() => (NextBits() >>> 11).AsInt64();

    /// <summary>⌈p · 2⁵³⌉: the integer k with k · 2⁻⁵³ &lt; p exactly when k is below it (the scaling by 2⁵³ is exact).</summary>
    public static long UniformThreshold(double p) => (long)Math.Ceiling(Math.Clamp(p, 0, 1) * (1UL << 53));

    /// <summary><see cref="ScalarRandom.NextBool"/> in every lane, as a mask (all ones where true).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<long> NextBoolMask() => Vector256.LessThan(NextBits().AsInt64(), Vector256<long>.Zero);
}
