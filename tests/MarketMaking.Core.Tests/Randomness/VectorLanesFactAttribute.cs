using MarketMaking.Core.Randomness;

namespace MarketMaking.Core.Tests.Randomness;

/// <summary>A fact about the vector-lane generator: skipped, saying why, where the processor has no lanes for it.</summary>
public sealed class VectorLanesFactAttribute : FactAttribute
{
    public VectorLanesFactAttribute()
    {
        if (!ScalarRandomLanes.IsSupported)
        {
            Skip = "this processor has no AVX2: the generator's vector lanes are not used here";
        }
    }
}
