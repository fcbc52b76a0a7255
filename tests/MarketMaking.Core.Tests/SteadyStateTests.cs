namespace MarketMaking.Core.Tests;

/// <summary>The allocation helper every allocation test uses sees an allocation made in every pass.</summary>
public class SteadyStateTests
{
    [Fact]
    public void AnAllocationInEveryPassIsReported()
    {
        object? kept = null;

        long allocated = SteadyState.AllocatedBytes(() => kept = new byte[1000]);

        // A byte array is its 1000 bytes plus an object header and length (24 bytes on 64-bit).
        Assert.Equal(1024, allocated);
        Assert.NotNull(kept);
    }

    [Fact]
    public void AnAllocationInTheWarmUpOrOnePassOnlyIsNot()
    {
        var sizes = new[] { 4000, 0, 800, 0, 0, 0 };
        object? kept = null;

        long allocated = SteadyState.AllocatedBytes(pass => kept = sizes[pass] > 0 ? new byte[sizes[pass]] : kept);

        Assert.Equal(0, allocated);
    }
}
