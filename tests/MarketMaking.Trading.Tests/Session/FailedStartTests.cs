using MarketMaking.Data.Bybit;
using MarketMaking.Strategies.Models;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Session;

namespace MarketMaking.Trading.Tests.Session;

/// <summary>A start that fails is a run with an end: when, and why (it was "(no clean end)", no reason).</summary>
public class FailedStartTests
{
    [Fact]
    public async Task AnUnknownSymbolIsTheRunsEnd()
    {
        using var harness = new SessionHarness(settings: s => s with { Symbol = "XYZUSDT" });
        BybitApiException error = await Assert.ThrowsAsync<BybitApiException>(() => harness.Session.RunAsync());

        Assert.Equal("Bybit GET /v5/market/instruments-info: no instrument XYZUSDT in category linear", error.Message);
        JournalRun run = Assert.Single(JournalReader.Load(harness.JournalPath).Runs);
        Assert.NotNull(run.EndedAt);
        Assert.True(run.EndedAt >= run.StartedAt);
        Assert.Equal("failed at start: Bybit GET /v5/market/instruments-info: no instrument XYZUSDT in category linear", run.EndReason);
        Assert.Null(run.FinalState);
        Assert.Empty(harness.Events("request"));

        // It traded nothing: the journal is not the mistyped symbol's, and the right one starts on it.
        var corrected = new TradingSession(harness.Venue, harness.Settings with { Symbol = "TESTUSDT" }, _ => new TouchStrategy(0.01));
        Task<SessionResult> running = corrected.RunAsync();
        await harness.PlayedAsync(300);
        corrected.RequestStop();
        await running;
        Assert.Equal([run.EndReason, "stop requested (signal)"], JournalReader.Load(harness.JournalPath).Runs.Select(r => r.EndReason));
    }
}
