using MarketMaking.Core.Orders;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Orders;
using MarketMaking.Trading.Session;

namespace MarketMaking.Trading.Tests.Session;

/// <summary>
/// A stop or a kill before the session trades (connecting, reconciling) ends it at once, and the journal says
/// so. The fake venue's connect and snapshot never complete unless cancelled, so a session that ends at all
/// did not wait for them (a wall-clock bound of a second failed under CI's load at 1.16 s: timings belong in
/// benchmarks).
/// </summary>
public class StopBeforeTradingTests
{
    [Fact]
    public async Task AStopWhileTheConnectNeverCompletesEndsTheRunAndTheJournalSaysItStoppedBeforeTrading()
    {
        using var harness = new SessionHarness();
        harness.Venue.ConnectNever = true;
        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.Venue.Connecting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        harness.Session.RequestStop();
        SessionResult result = await running.WaitAsync(TimeSpan.FromSeconds(30)); // the connect never completes: only the stop can end the run

        const string Reason = "stopped before trading began (connecting): stop requested (signal)";
        Assert.True(result.StoppedBeforeTrading);
        Assert.Equal(Reason, result.EndReason);
        Assert.Null(result.KillReason);
        Assert.Equal((0, 0m, (decimal?)null, 0), (result.OrdersOpenAtEnd, result.Position, result.VenuePosition, result.Run.Metrics.Fills));

        JournalRun run = Assert.Single(JournalReader.Load(harness.JournalPath).Runs);
        Assert.NotNull(run.EndedAt);
        Assert.Equal(Reason, run.EndReason);
        Assert.Equal(SessionJson.Final(result), run.FinalState);
        Assert.Equal(Reason, Assert.Single(harness.Events("stop")).Detail);
        Assert.Empty(harness.Events("request")); // nothing was sent
    }

    [Fact]
    public async Task AKillWhileConnectingIsTheRunsKillReason()
    {
        using var harness = new SessionHarness();
        harness.Venue.ConnectNever = true;
        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.Venue.Connecting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        harness.Session.Kill("operator: kill from the dashboard");
        SessionResult result = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("operator: kill from the dashboard", result.KillReason);
        Assert.Equal("stopped before trading began (connecting): kill switch: operator: kill from the dashboard", Assert.Single(JournalReader.Load(harness.JournalPath).Runs).EndReason);
        Assert.Equal("operator: kill from the dashboard", Assert.Single(harness.Events("kill")).Detail);
    }

    [Fact]
    public async Task AStopWhileReconcilingCancelsWhatAnEarlierRunLeftOpenAndEndsTheRun()
    {
        using var harness = new SessionHarness();

        // An earlier run crashed with an order open: the journal holds it open, the venue may still have it.
        await using (TradingJournal earlier = TradingJournal.Open(harness.JournalPath, 1, "fake", "TESTUSDT", "touch"))
        {
            earlier.Order(new OrderTracker().Add(1, "mm-earlier-0", Side.Buy, 990.0m, 0.01m, false, 1));
            await earlier.FlushAsync();
        }

        harness.Venue.SnapshotsNever = true;
        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.Venue.Reconciling.Task.WaitAsync(TimeSpan.FromSeconds(30));
        harness.Session.RequestStop();
        SessionResult result = await running.WaitAsync(TimeSpan.FromSeconds(30)); // the snapshot never completes: only the stop can end the run
        Assert.Equal("stopped before trading began (reconciling): stop requested (signal)", result.EndReason);
        Assert.Equal(1, harness.Venue.CancelAlls);
        Assert.StartsWith("CancelAll Accepted", Assert.Single(harness.Events("reply")).Detail, StringComparison.Ordinal);
        Assert.Equal(1, result.OrdersOpenAtEnd); // never confirmed closed: the next start reconciles it
        Assert.Equal("stopped before trading began (reconciling): stop requested (signal)", JournalReader.Load(harness.JournalPath).Runs[^1].EndReason);
    }
}
