using FsCheck;
using FsCheck.Fluent;
using MarketMaking.Simulation.Matching;

namespace MarketMaking.Simulation.Tests.Matching;

/// <summary>Invariants of the engine on random message sequences under every self-trade policy.</summary>
public class MatchingEnginePropertyTests
{
    [Fact]
    public void BookIsNeverCrossedAfterAnyMessage() => Holds(audit => audit.Crossed);

    [Fact]
    public void QuantityIsConservedPerOrderAndInTotal() => Holds(audit => audit.Conservation);

    [Fact]
    public void TradesFollowPriceThenArrivalOrder() => Holds(audit => audit.Priority);

    [Fact]
    public void ViewEqualsAggregationOfLiveOrdersAndBookChangeFeed() => Holds(audit => audit.View);

    [Fact]
    public void IdenticalMessagesGiveIdenticalOutput()
    {
        Prop.ForAll(
            MatchingGenerators.Scenarios(),
            scenario => BookAudit.Run(scenario).Events.SequenceEqual(BookAudit.Run(scenario).Events))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void IdenticalWorkloadSeedsGiveIdenticalOutput()
    {
        List<MatchingEvent> first = Replay(MatchingWorkload.Generate(5_000, seed: 7));
        List<MatchingEvent> second = Replay(MatchingWorkload.Generate(5_000, seed: 7));
        List<MatchingEvent> other = Replay(MatchingWorkload.Generate(5_000, seed: 8));

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    private static void Holds(Func<BookAudit, List<string>> violations) =>
        Prop.ForAll(
            MatchingGenerators.Scenarios(),
            scenario =>
            {
                List<string> found = violations(BookAudit.Run(scenario));
                return (found.Count == 0).Label(string.Join("; ", found.Take(3)));
            })
            .QuickCheckThrowOnFailure();

    private static List<MatchingEvent> Replay(MatchingWorkload workload)
    {
        var events = new List<MatchingEvent>();
        var engine = new MatchingEngine();
        var buffer = new MatchingEventBuffer();
        for (int i = 0; i < workload.Count; i++)
        {
            workload.Send(i, engine, buffer);
            events.AddRange(buffer.Events);
            buffer.Clear();
        }

        return events;
    }
}
