using System.Text.Json;
using MarketMaking.Cli;
using MarketMaking.Core.Metrics;
using MarketMaking.Simulation.Engine;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Session;
using MarketMaking.Trading.Tests.Session;

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
}
