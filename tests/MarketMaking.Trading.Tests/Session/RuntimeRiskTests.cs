using MarketMaking.Core.Errors;
using MarketMaking.Core.Quoting;
using MarketMaking.Strategies;
using MarketMaking.Core.Risk;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Session;

namespace MarketMaking.Trading.Tests.Session;

public class RuntimeRiskTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    /// <summary>Only stops a hung test: a healthy run is flat long before, however loaded the machine.</summary>
    private static readonly TimeSpan Hung = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TheMaxLossKillSwitchCancelsEverythingAtOnceAndEndsTheSession()
    {
        // Each touch fill earns half a tick (0.0005 on 0.01) and pays 0.002 in maker fees: the first one trips it.
        using var harness = new SessionHarness(settings: s => s with { Run = new() { Risk = new RiskLimits { MaxLoss = 0.001 } } });
        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.FaultAsync("kill");
        await harness.NoOrderOpenAsync(Hung);
        SessionResult result = await running;

        CancelledAtOnce.After(harness.JournalPath, e => e.Kind == "fault" && e.Detail.StartsWith("kill:", StringComparison.Ordinal), $"kill switch: {result.KillReason}");
        Assert.StartsWith("max loss: net PnL", result.KillReason, StringComparison.Ordinal);
        Assert.Equal(0, result.OrdersOpenAtEnd);
        Assert.Equal(result.VenuePosition, result.Position);
        Assert.Single(harness.Events("kill"));
        Assert.True(harness.Data.Played < harness.Data.Messages.Count); // it ended the session, not the data
    }

    [Fact]
    public async Task FlattenOnKillClosesThePositionWithAReduceOnlyMarketOrder()
    {
        // Bids only: the kill leaves a long position that no resting order can undo before its cancel
        // lands (a two-sided quoter's ask could fill back to flat on a loaded machine).
        using var harness = new SessionHarness(
            settings: s => s with { FlattenOnKill = true, Run = new() { Risk = new RiskLimits { MaxLoss = 0.001 } } },
            strategy: () => new BidOnly());
        SessionResult result = await harness.Session.RunAsync();

        Assert.NotNull(result.KillReason);
        Assert.Equal(0m, result.Position);
        Assert.Equal(0m, result.VenuePosition);
        JournalEvent flatten = Assert.Single(harness.Events("flatten"));
        Assert.Contains(JournalReader.Fills(harness.JournalPath), f => f.LinkId == flatten.LinkId && !f.IsMaker);
    }

    [Fact]
    public async Task StaleDataCancelsEveryOrderAtOnceAndQuotingResumesWhenFresh()
    {
        using var harness = new SessionHarness(messages: 1200, pauseAfter: 500, pauseFor: TimeSpan.FromSeconds(1.5), settings: s => s with { StaleAfter = TimeSpan.FromMilliseconds(300) });
        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.FaultAsync("stale-data");
        await harness.NoOrderOpenAsync(Hung);
        await harness.PlayedAsync(1200);
        harness.Session.RequestStop();
        SessionResult result = await running;

        // Quoting came back after the fresh book: new orders after the "fresh" event that followed the
        // pause. (A loaded machine can starve the feed for 300 ms at the start too: each stale spell
        // is counted and followed by its own "fresh".)
        JournalEvent[] spells = [.. harness.Events("fault").Where(e => e.Detail.StartsWith("stale-data:", StringComparison.Ordinal))];
        long fresh = harness.Events("fresh").First(e => e.Id > spells[^1].Id).Id;
        Assert.Contains(harness.Events("new"), e => e.Id > fresh);
        CancelledAtOnce.After(harness.JournalPath, e => e.Id == spells[0].Id, "stale market data");
        Assert.Equal(0, result.OrdersOpenAtEnd);
        Assert.Equal(spells.Length, result.Faults["stale-data"]);
        Assert.Equal(spells.Length, harness.Events("fresh").Count);
    }

    [Fact]
    public async Task LosingThePrivateStreamCancelsEverythingOverRestAndReconcilesWhenItReturns()
    {
        using var harness = new SessionHarness();
        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.PlayedAsync(400);
        harness.Venue.CutPrivateStream();
        await harness.FaultAsync("stream-down");
        await harness.NoOrderOpenAsync(Hung);
        await SessionHarness.UntilAsync(() => harness.Venue.CancelAlls >= 1); // it follows the orders' own cancels, from the session's thread

        // Blind to its fills, it does not quote while the stream is down.
        await harness.PlayedAsync(800);
        long downId = Assert.Single(harness.Events("stream-down")).Id;
        Assert.DoesNotContain(harness.Events("new"), e => e.Id > downId);
        harness.Venue.RestorePrivateStream();
        await harness.PlayedAsync(1500);
        harness.Session.RequestStop();
        SessionResult result = await running;

        CancelledAtOnce.After(harness.JournalPath, e => e.Kind == "fault" && e.Detail.StartsWith("stream-down:", StringComparison.Ordinal), "private stream down");
        JournalEvent up = harness.Events("stream-up")[^1];
        Assert.Contains(harness.Events("reconciled"), e => e.Id > up.Id);
        Assert.Contains(harness.Events("new"), e => e.Id > up.Id); // quoting again
        Assert.Equal(0, result.OrdersOpenAtEnd);
        Assert.Equal(result.VenuePosition, result.Position);
    }

    [Fact]
    public async Task AStopCancelsEveryOrderAtOnceAndWritesTheFinalState()
    {
        using var harness = new SessionHarness();
        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.PlayedAsync(500);
        harness.Session.RequestStop();
        await harness.NoOrderOpenAsync(Hung);
        SessionResult result = await running;

        CancelledAtOnce.After(harness.JournalPath, e => e.Kind == "stop", "stop requested (signal)");
        Assert.Null(result.KillReason);
        JournalRun run = Assert.Single(JournalReader.Load(harness.JournalPath).Runs);
        Assert.Equal(SessionJson.Final(result), run.FinalState);
    }

    [Fact]
    public async Task AVenueThatFreezesBeforeTheEndFailsTheSessionAfterTheShutdownTimeoutWithWhatItKnewJournaled()
    {
        // The venue stops answering, then the session is asked to stop: its cancels and the end's
        // queries get no answer. It waits --shutdown-timeout for each (1 s here), not ten retries of
        // every query, then writes its own figures (the venue's unknown) and fails saying so.
        using var harness = new SessionHarness(settings: s => s with { ShutdownTimeout = OneSecond });
        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.PlayedAsync(500);
        harness.Venue.Silent = true;
        long stop = System.Diagnostics.Stopwatch.GetTimestamp();
        harness.Session.RequestStop();
        TradingException error = await Assert.ThrowsAsync<TradingException>(() => running);
        TimeSpan took = SessionHarness.Between(stop, System.Diagnostics.Stopwatch.GetTimestamp());

        Assert.True(took >= OneSecond, $"stopped after {took.TotalMilliseconds} ms, before the shutdown timeout"); // a load only makes it later
        Assert.DoesNotContain(harness.Events("fault"), e => e.Detail.StartsWith("final-query-failed", StringComparison.Ordinal)); // one wait, no retries
        Assert.StartsWith("fake did not answer within the shutdown timeout (1 s): ", error.Message, StringComparison.Ordinal);
        JournalRun run = Assert.Single(JournalReader.Load(harness.JournalPath).Runs);
        Assert.NotNull(run.EndedAt);
        Assert.Contains("\"venue_position\":null", run.FinalState, StringComparison.Ordinal);
        Assert.Single(harness.Events("fault"), e => e.Detail.StartsWith("venue-silent-at-end", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AClockOutsideTheReceiveWindowStopsTheStartAndLaterTripsTheKillSwitch()
    {
        using (var early = new SessionHarness())
        {
            early.Venue.ServerOffset = 7_000_000_000; // the venue is 7 s ahead of us
            TradingException error = await Assert.ThrowsAsync<TradingException>(() => early.Session.RunAsync());
            Assert.Contains("receive window of 5000 ms", error.Message, StringComparison.Ordinal);
            Assert.Equal("failed at start: " + error.Message, Assert.Single(JournalReader.Load(early.JournalPath).Runs).EndReason);
        }

        using var later = new SessionHarness(settings: s => s with { ClockCheckInterval = TimeSpan.FromMilliseconds(200) });
        Task<SessionResult> running = later.Session.RunAsync();
        await later.PlayedAsync(300);
        later.Venue.ServerOffset = -6_000_000_000;
        await later.FaultAsync("kill");
        SessionResult result = await running;
        Assert.Contains("clock is +6000 ms off", result.KillReason, StringComparison.Ordinal);
        Assert.Equal(0, result.OrdersOpenAtEnd);
    }

    /// <summary>Joins the best bid only.</summary>
    private sealed class BidOnly : IQuotingStrategy
    {
        public string Name => "bid-only";

        public QuoteDecision Decide(in QuoteContext context) => QuoteDecision.TwoSided(context.BestBid, double.NaN, 0.01);
    }
}
