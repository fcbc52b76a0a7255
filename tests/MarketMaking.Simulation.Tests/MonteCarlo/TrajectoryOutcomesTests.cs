using MarketMaking.Core.Errors;
using MarketMaking.Simulation.MonteCarlo;

namespace MarketMaking.Simulation.Tests.MonteCarlo;

public class TrajectoryOutcomesTests
{
    [Fact]
    public void BytesPerTrajectoryIsWhatTheOutcomesAllocate()
    {
        _ = new TrajectoryOutcomes(1); // type loaded and constructor compiled before measuring
        const int Count = 100_000;
        // The fewest bytes of three: the runtime may allocate on this thread meanwhile (a type load, a
        // large-object allocation context: a CI run once saw 3.8 KB more), never less than the outcomes need.
        long allocated = long.MaxValue;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var outcomes = new TrajectoryOutcomes(Count);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            GC.KeepAlive(outcomes);
        }

        // The arrays' contents, plus at most a few kilobytes of array and object headers.
        Assert.InRange(allocated, Count * TrajectoryOutcomes.BytesPerTrajectory, (Count * TrajectoryOutcomes.BytesPerTrajectory) + 4096);
    }

    [Fact]
    public void TrajectoriesThatCannotFitInMemoryAreRefusedBeforeAnythingIsAllocated()
    {
        // 2,000,000,000 × 152 bytes = 304 GB, more than any machine these tests run on.
        var e = Assert.Throws<InvalidParameterException>(() => new MonteCarloSettings { Trajectories = 2_000_000_000 }.Validate());
        Assert.Equal("sims", e.Parameter);
        Assert.Contains("2,000,000,000 trajectories need 304.0 GB for their outcomes", e.Message, StringComparison.Ordinal);
        Assert.Equal(100_000, new MonteCarloSettings { Trajectories = 100_000 }.Validate().Trajectories);
    }
}
