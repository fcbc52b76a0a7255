using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MarketMaking.Core.Collections;

/// <summary>
/// A 4 × 4 matrix of 64-bit words transposed in registers (AVX2): four records of four words in,
/// four vectors of one field each out, and back. Lets a loop over records of four fields (a random
/// stream's state, an action's depths and thresholds) run one record per vector lane.
/// </summary>
public static class WordTranspose
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Of(Vector256<ulong> a, Vector256<ulong> b, Vector256<ulong> c, Vector256<ulong> d,
        out Vector256<ulong> column0, out Vector256<ulong> column1, out Vector256<ulong> column2, out Vector256<ulong> column3)
    {
        Vector256<ulong> lowAb = Avx2.UnpackLow(a, b), highAb = Avx2.UnpackHigh(a, b);
        Vector256<ulong> lowCd = Avx2.UnpackLow(c, d), highCd = Avx2.UnpackHigh(c, d);
        column0 = Avx2.Permute2x128(lowAb, lowCd, 0x20);
        column1 = Avx2.Permute2x128(highAb, highCd, 0x20);
        column2 = Avx2.Permute2x128(lowAb, lowCd, 0x31);
        column3 = Avx2.Permute2x128(highAb, highCd, 0x31);
    }
}
