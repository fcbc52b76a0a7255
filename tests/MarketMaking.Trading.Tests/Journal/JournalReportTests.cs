using System.Text.Json;
using MarketMaking.Cli;
using MarketMaking.Core.Metrics;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Engine;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Session;
using MarketMaking.Trading.Tests.Session;
using MarketMaking.Trading.Venues;

namespace MarketMaking.Trading.Tests.Journal;

/// <summary>A journal drawn again as a report: run by run, and by <c>mm journal … report</c> beside the journal.</summary>
public class JournalReportTests
{
    [Fact]
    public async Task AJournalOfTwoRunsIsReportedRunByRunBesideTheJournal()
    {
        using var harness = new SessionHarness(messages: 600);
        for (int run = 1; run <= 2; run++)
        {
            TradingSession session = run == 1 ? harness.Session : harness.New();
            Task<SessionResult> running = session.RunAsync();
            await harness.PlayedAsync(300 * run);
            session.RequestStop();
            await running;
        }

        // Each run's decision times start again at 0: drawn as one, the second run's first mark came
        // "after" the first run's last and the metrics threw.
        IReadOnlyList<RunResult> runs = JournalReport.Rebuild(harness.JournalPath, new MetricsOptions());
        Assert.Equal(["run 1: touch", "run 2: touch"], runs.Select(r => r.Strategy));
        Assert.All(runs, r => Assert.NotEmpty(r.Series!.Points));
        Assert.Equal(JournalReader.Fills(harness.JournalPath).Count, runs.Sum(r => r.Metrics.Fills));

        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.True(MmApplication.Run(["journal", harness.JournalPath, "report", "--json"], output, error) == 0, error.ToString());
        using JsonDocument printed = JsonDocument.Parse(output.ToString());
        string html = printed.RootElement.GetProperty("report").GetString()!;
        Assert.Equal(Path.Combine(Path.GetDirectoryName(harness.JournalPath)!, "session.html"), html);
        Assert.Contains("<svg", await File.ReadAllTextAsync(html), StringComparison.Ordinal);
        Assert.Equal(["run 1: touch", "run 2: touch"], printed.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("strategy").GetString()));
    }

    /// <summary>
    /// Run 1 finds a buy of 5 at 90 (a crashed run's, journaled at the start), then adopts the venue's
    /// position of 2, taken at 100: the 3 the venue no longer holds leave at 100; decisions at mids 100.5
    /// and 102, a sell of 1 at 101 (fee 0.01) between them. Cash −450 + 300 + 101 − 0.01 = −49.01,
    /// position 1, net PnL −49.01 + 1 × 102 = 52.99 (realized 3 × 10 + 11 = 41, unrealized 12, fees 0.01),
    /// what mm journal … pnl gives: cash −349.01, adoption cost (2 − 5) × 100 = −300. The report dropped
    /// the buy (2.99) while pnl counted its cash. Run 2, a restart, starts holding that 1 at its first mid,
    /// 103: a buy of 1 at 102.5, marked at 104: cash −103 − 102.5 = −205.5, position 2, net PnL
    /// −205.5 + 2 × 104 = 2.5.
    /// </summary>
    [Fact]
    public async Task EachRunStartsFromThePositionTheJournalHeldAndAnAdoptionKeepsTheCashOfTheExecutionsBeforeIt()
    {
        const long Second = 1_000_000_000;
        const long Start = 1_700_000_000 * Second;
        using var temp = new TempJournal();
        await JournalRuns.WriteAsync(temp.Path, Start, journal =>
        {
            journal.Fill(new VenueExecution("e0", "a-0", "o0", Side.Buy, 90m, 5m, 0m, true, Start + (Second / 2)), Start + (Second / 2));
            journal.Adoption(Start + (Second * 6 / 10), 2m);
            journal.AdoptionPrice(100m);
            journal.Decision(Start + Second, Start + Second, 1, 100.5, 2, 100, 101);
            journal.Fill(new VenueExecution("e1", "a-1", "o1", Side.Sell, 101m, 1m, 0.01m, true, Start + (2 * Second)), Start + (2 * Second));
            journal.Decision(Start + (3 * Second), Start + (3 * Second), 3, 102, 1, 101.5, 102.5);
        });

        RunMetrics first = Assert.Single(JournalReport.Rebuild(temp.Path, new MetricsOptions())).Metrics;
        using (JsonDocument pnl = JournalRuns.Pnl(temp.Path))
        {
            Assert.Equal((102m, -349.01m, -300m, 52.99m), (pnl.RootElement.GetProperty("mark").GetDecimal(), pnl.RootElement.GetProperty("cash").GetDecimal(), pnl.RootElement.GetProperty("adoption_cost").GetDecimal(), pnl.RootElement.GetProperty("pnl").GetDecimal()));
            Assert.Equal(52.99, first.NetPnl, 9);
        }

        await JournalRuns.WriteAsync(temp.Path, Start + (10 * Second), journal =>
        {
            journal.Decision(Start + (11 * Second), Start + (11 * Second), 1, 103, 1, 102.5, 103.5);
            journal.Fill(new VenueExecution("e2", "a-2", "o2", Side.Buy, 102.5m, 1m, 0m, true, Start + (12 * Second)), Start + (12 * Second));
            journal.Decision(Start + (13 * Second), Start + (13 * Second), 3, 104, 2, 103.5, 104.5);
        });

        IReadOnlyList<RunResult> runs = JournalReport.Rebuild(temp.Path, new MetricsOptions());
        RunMetrics second = runs[1].Metrics;
        first = runs[0].Metrics;
        Assert.Equal((2L, 1.0, 41.0), (first.Fills, first.FinalInventory, runs[0].RoundTrips.GrossPnl));
        Assert.Equal(52.99, first.NetPnl, 9);
        Assert.Equal(0.01, first.FeesPaid, 12);
        Assert.Equal([2.0, 1.0], runs[0].Series!.Points.Select(p => p.Inventory));
        Assert.Equal((1L, 2.0), (second.Fills, second.FinalInventory));
        Assert.Equal(2.5, second.NetPnl, 9);
        Assert.Equal(2m, JournalReader.Load(temp.Path).Book.Position); // where the journal's own position ends: the report agrees
    }

    [Fact]
    public async Task AnAdoptedPositionIsJournaledWithThePriceTheSessionTookItAtAndTheReportStartsFromIt()
    {
        using var harness = new SessionHarness(messages: 600, positionOffset: 0.5m, settings: s => s with { AdoptPosition = true });
        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.PlayedAsync(600);
        harness.Session.RequestStop();
        SessionResult result = await running;

        // The price: the mid the session's ledger opened the adopted position at, its first decision's.
        Assert.True(DecisionText.TryParse(harness.Events("decision")[0].Detail, out _, out double firstMid, out double firstPosition, out _, out _));
        JournalAdoption adoption = Assert.Single(JournalReader.Adoptions(harness.JournalPath));
        Assert.Equal((0.5m, (decimal?)(decimal)firstMid), (adoption.Position, adoption.Price));
        Assert.Equal(0.5, firstPosition);

        // The report starts holding it, and ends where the journal does.
        RunResult run = Assert.Single(JournalReport.Rebuild(harness.JournalPath, new MetricsOptions()));
        Assert.Equal(0.5, run.Series!.Points[0].Inventory);
        Assert.Equal((double)result.Position, run.Metrics.FinalInventory, 12);
    }
}
