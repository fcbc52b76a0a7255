using System.Runtime.Intrinsics;

namespace MarketMaking.Tests.Samples;

/// <summary>A fact that needs 512-bit vectors: skipped, saying why, on a processor without them.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class Vector512FactAttribute : FactAttribute
{
    public Vector512FactAttribute()
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            Skip = "this processor has no hardware-accelerated 512-bit vectors (AVX-512): the 512-bit run cannot be made";
        }
    }
}
