using System.Text.Json;
using MarketMaking.Cli;
using MarketMaking.Core.Metrics;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Engine;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Session;
using MarketMaking.Trading.Tests.Session;
using MarketMaking.Trading.Venues;
using static MarketMaking.Trading.Tests.Journal.JournalRuns;

namespace MarketMaking.Trading.Tests.Journal;

/// <summary>Time at the limit counts the run's binding inventory limit, in the session's report and in the one drawn from its journal.</summary>
public class JournalInventoryLimitTests
{
    /// <summary>
    /// A run whose limit is 1: decisions at 1, 2, 3 and 5 s holding 0, 1, 1, 0 (a buy of 1 before the
    /// second, a sell of 1 before the last): at the limit from 2 to 5 s, 3 s of 4: 75 %. The report drawn
    /// from the journal counted no limit (0 %).
    /// </summary>
    [Fact]
    public async Task TheReportCountsTimeAtTheLimitTheRunJournaled()
    {
        using var temp = new TempJournal();
        await JournalRuns.WriteAsync(temp.Path, Start, journal =>
        {
            journal.InventoryLimit(1m);
            journal.Decision(Start + Second, Start + Second, 1, 100, 0, 99.5, 100.5);
            journal.Fill(new VenueExecution("e1", "a-1", "o1", Side.Buy, 99.5m, 1m, 0m, true, Start + (Second * 3 / 2)), Start + (Second * 3 / 2));
            journal.Decision(Start + (2 * Second), Start + (2 * Second), 2, 100, 1, 99.5, 100.5);
            journal.Decision(Start + (3 * Second), Start + (3 * Second), 3, 100, 1, 99.5, 100.5);
            journal.Fill(new VenueExecution("e2", "a-2", "o2", Side.Sell, 100.5m, 1m, 0m, true, Start + (Second * 9 / 2)), Start + (Second * 9 / 2));
            journal.Decision(Start + (5 * Second), Start + (5 * Second), 5, 100, 0, 99.5, 100.5);
        });

        Assert.Equal(1.0, Assert.Single(JournalReader.Load(temp.Path).Runs).InventoryLimit);
        RunResult run = Assert.Single(JournalReport.Rebuild(temp.Path, new MetricsOptions()));
        Assert.Equal(0.75, run.Metrics.TimeAtLimitShare, 12);

        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.True(MmApplication.Run(["journal", temp.Path, "report", "--json"], output, error) == 0, error.ToString());
        using JsonDocument printed = JsonDocument.Parse(output.ToString());
        Assert.Equal(0.75, printed.RootElement.GetProperty("runs")[0].GetProperty("time_at_limit").GetDouble(), 12);
    }

    /// <summary>A session with --max-position journals it as its run's limit, and its own report counts time at it as the journal's does.</summary>
    [Fact]
    public async Task ASessionJournalsItsMaxPositionAndCountsTimeAtItAsTheJournalsReportDoes()
    {
        using var harness = new SessionHarness(messages: 600, settings: s => s with { Run = s.Run with { Risk = s.Run.Risk with { MaxPosition = 0.02 } } });
        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.PlayedAsync(600);
        harness.Session.RequestStop();
        SessionResult result = await running;

        Assert.Equal(0.02, Assert.Single(JournalReader.Load(harness.JournalPath).Runs).InventoryLimit);
        RunResult rebuilt = Assert.Single(JournalReport.Rebuild(harness.JournalPath, new MetricsOptions()));
        Assert.True(result.Run.Metrics.TimeAtLimitShare > 0, $"time at limit {result.Run.Metrics.TimeAtLimitShare}");
        Assert.Equal(result.Run.Metrics.TimeAtLimitShare, rebuilt.Metrics.TimeAtLimitShare, 12);
    }
}
