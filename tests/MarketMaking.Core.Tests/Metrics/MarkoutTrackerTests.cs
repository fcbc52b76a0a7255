using MarketMaking.Core.Accounting;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Metrics;
using MarketMaking.Core.Orders;

namespace MarketMaking.Core.Tests.Metrics;

public class MarkoutTrackerTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void ResolvesEachHorizonWithTheMidInForce()
    {
        var tracker = new MarkoutTracker([1.0, 3.0, 5.0]);
        tracker.OnMid(0, 100);
        tracker.OnFill(new Fill(0, 1, Side.Buy, 99.5, 2, 0, true, 100)); // A
        tracker.OnMid(0.5, 100.2);
        tracker.OnFill(new Fill(0.5, 2, Side.Sell, 100.6, 1, 0, true, 100.2)); // B
        tracker.OnMid(1.0, 101);
        tracker.OnMid(2.0, 100.4);
        tracker.OnMid(4.0, 99);

        IReadOnlyList<MarkoutResult> results = tracker.Results();

        // h = 1: A due at 1.0, exactly when 101 arrives: +1·(101 − 99.5)·2 = 3.
        //        B due at 1.5, resolved when 2.0 arrives with the mid then in force, 101: −1·(101 − 100.6)·1 = −0.4.
        Assert.Equal(1, results[0].Horizon);
        Assert.Equal(2, results[0].Count);
        Assert.Equal(0, results[0].Unresolved);
        Assert.Equal(2.6 / 3, results[0].MeanPerUnit, Tolerance);
        Assert.Equal(2.6, results[0].Total, Tolerance);
        // h = 3: A due 3.0 and B due 3.5, both resolved at 4.0 with 100.4:
        //        +1·(100.4 − 99.5)·2 = 1.8 and −1·(100.4 − 100.6)·1 = 0.2; total 2, per unit 2/3.
        Assert.Equal(2, results[1].Count);
        Assert.Equal(2.0, results[1].Total, Tolerance);
        Assert.Equal(2.0 / 3, results[1].MeanPerUnit, Tolerance);
        // h = 5: due 5.0 and 5.5, beyond the last mid at 4.0.
        Assert.Equal(5, results[2].Horizon);
        Assert.Equal(0, results[2].Count);
        Assert.Equal(2, results[2].Unresolved);
        Assert.True(double.IsNaN(results[2].MeanPerUnit));
        Assert.Equal(0, results[2].Total);
    }

    [Fact]
    public void FillBeforeAnyMidUsesItsOwnMid()
    {
        var tracker = new MarkoutTracker([1.0]);
        tracker.OnFill(new Fill(0, 1, Side.Buy, 99, 1, 0, true, 100));
        tracker.OnMid(2, 105);

        // Due at 1, before the first mid at 2: the mid in force was the fill's own, 100 → 100 − 99 = 1.
        Assert.Equal(1, tracker.Results()[0].Total, Tolerance);
    }

    [Fact]
    public void RejectsNonPositiveHorizon()
    {
        var error = Assert.Throws<InvalidParameterException>(() => new MarkoutTracker([1.0, 0.0]));

        Assert.Equal("markout_horizons", error.Parameter);
    }

    [Fact]
    public void RejectsTimeGoingBackwards()
    {
        var tracker = new MarkoutTracker([1.0]);
        tracker.OnMid(5, 100);
        tracker.OnFill(new Fill(5, 1, Side.Buy, 99, 1, 0, true, 100));

        Assert.Throws<ArgumentException>(() => tracker.OnMid(4, 100));
        Assert.Throws<ArgumentException>(() => tracker.OnFill(new Fill(4, 2, Side.Buy, 99, 1, 0, true, 100)));
    }

    [Fact]
    public void DoesNotAllocateInSteadyState()
    {
        var tracker = new MarkoutTracker([1.0, 10.0]);
        void Step(int i)
        {
            tracker.OnFill(new Fill(i, i, (i & 1) == 0 ? Side.Buy : Side.Sell, 100, 1, 0, true, 100));
            tracker.OnMid(i + 0.5, 100 + (i % 3));
        }

        int next = 0;
        long allocated = SteadyState.AllocatedBytes(() =>
        {
            for (int end = next + 10_000; next < end; next++)
            {
                Step(next);
            }
        });

        Assert.Equal(0, allocated);
        // Every fill 10+ time units old is resolved: only the last 10 wait at h = 10.
        Assert.Equal(10, tracker.Results()[1].Unresolved);
    }
}
