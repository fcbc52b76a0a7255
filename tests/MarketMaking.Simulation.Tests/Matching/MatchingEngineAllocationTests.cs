using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Matching;

namespace MarketMaking.Simulation.Tests.Matching;

/// <summary>Steady-state processing allocates nothing; the benchmark workload has the mix it claims.</summary>
public class MatchingEngineAllocationTests
{
    [Fact]
    public void SteadyStateProcessingAllocatesNothing()
    {
        MatchingWorkload workload = MatchingWorkload.Generate(50_000, seed: 3);
        var engine = new MatchingEngine();
        var events = new MatchingEventBuffer();
        // The warm-up pass reaches the working capacity; each pass starts from a cleared engine.
        long allocated = SteadyState.AllocatedBytes(() =>
        {
            engine.Clear();
            workload.Replay(engine, events);
            for (long id = 1; id <= 1_000; id++)
            {
                engine.Submit(OrderRequest.Limit(-id, 1, Side.Buy, 1, 1), events);
                engine.Amend(-id, 1, 2, 0, events);
                engine.TryGetQueuePosition(-id, out _, out _);
                engine.Cancel(-id, 0, events);
                events.Clear();
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void WorkloadHasTheAdvertisedMixAndMeasuresWithoutAllocating()
    {
        MatchingWorkload workload = MatchingWorkload.Generate(100_000, seed: 1);
        Assert.Equal(workload.Count, workload.Limits + workload.Cancels + workload.Markets);
        Assert.InRange(workload.Limits / (double)workload.Count, 0.58, 0.62);
        Assert.InRange(workload.Cancels / (double)workload.Count, 0.33, 0.37);
        Assert.InRange(workload.Markets / (double)workload.Count, 0.04, 0.06);

        // Every cancel targets a live order: the stream produces no rejections.
        var engine = new MatchingEngine();
        workload.Replay(engine, new MatchingEventBuffer());
        Assert.Equal(0, engine.TotalRejections);

        MatchingThroughput throughput = MatchingWorkload.Measure(messageCount: 20_000, seed: 2, rounds: 3);
        Assert.Equal((20_000, 3, 0.0), (throughput.Messages, throughput.Rounds, throughput.AllocatedBytesPerMessage));
    }
}
