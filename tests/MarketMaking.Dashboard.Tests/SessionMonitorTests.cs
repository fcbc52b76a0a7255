using MarketMaking.Core.Orders;
using MarketMaking.Trading.Monitoring;

namespace MarketMaking.Dashboard.Tests;

public class SessionMonitorTests
{
    [Fact]
    public void LatenciesLandInTheirBucketsAndReadersSeeEachSampleOnce()
    {
        var monitor = new SessionMonitor();
        monitor.RecordLatency(30_000);        // 30 µs: the ≤ 50 µs bucket
        monitor.RecordLatency(50_000);        // 50 µs: still ≤ 50 µs (bounds are inclusive, as Prometheus' le)
        monitor.RecordLatency(2_000_000);     // 2 ms: ≤ 2.5 ms
        monitor.RecordLatency(1_000_000_000); // 1 s: beyond the last bound
        monitor.Publish(new SessionSnapshot(), []);
        SessionSnapshot s = monitor.Latest!;
        long[] expected = new long[SessionMonitor.LatencyBounds.Count + 1];
        expected[1] = 2;
        expected[6] = 1;
        expected[^1] = 1;
        Assert.Equal(expected, s.LatencyBuckets);
        Assert.Equal(4, s.LatencyCount);
        Assert.Equal(1.00208, s.LatencySumSeconds, 12);

        var seen = new List<double>();
        long next = monitor.ReadLatencies(0, seen);
        Assert.Equal([30e-6, 50e-6, 2e-3, 1.0], seen);
        monitor.RecordLatency(100_000);
        seen.Clear();
        Assert.Equal(5, monitor.ReadLatencies(next, seen));
        Assert.Equal([100e-6], seen);
    }

    [Fact]
    public void SnapshotsCarryTheLatestFillsAndEventsAndNumberThemselves()
    {
        var monitor = new SessionMonitor();
        Assert.Null(monitor.Latest);
        for (int i = 0; i < SessionMonitor.Recent + 5; i++)
        {
            monitor.Fill(i, Side.Buy, 100 + i, 1, 0, true, 100);
        }

        monitor.Event(7, "market-gap", "u 5 after 3");
        monitor.Reject("venue:110007");
        monitor.Publish(new SessionSnapshot(), [new("risk:PositionLimit", 3)]);
        SessionSnapshot first = monitor.Latest!;
        Assert.Equal(1, first.Sequence);
        Assert.Equal(SessionMonitor.Recent, first.RecentFills.Count);
        Assert.Equal(6, first.RecentFills[0].Sequence); // the oldest five fell out
        Assert.Equal(SessionMonitor.Recent + 5, first.RecentFills[^1].Sequence);
        Assert.Equal("market-gap", Assert.Single(first.RecentEvents).Kind);
        Assert.Equal(1, first.Rejects["venue:110007"]);
        Assert.Equal(3, first.Rejects["risk:PositionLimit"]);

        monitor.Publish(new SessionSnapshot(), []);
        Assert.Equal(2, monitor.Latest!.Sequence);
        Assert.Same(first.RecentFills, monitor.Latest.RecentFills); // nothing new: the same copy, no allocation
    }
}
