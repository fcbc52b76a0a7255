using MarketMaking.Core.Metrics;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Strategies.Models;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Paper;
using MarketMaking.Trading.Session;

namespace MarketMaking.Trading.Tests.Session;

public class PaperSessionTests
{
    [Fact]
    public async Task APaperSessionEndsWithNoOrderOpenAndTheVenuesPositionAndCash()
    {
        using var journal = new TempJournal();
        var data = new ScriptedMarketData(ScriptedMarketData.RandomWalk(seed: 3, count: 1500));
        var venue = new PaperVenue(data, new PaperSettings { Latency = new ConstantLatency(2_000_000, 2_000_000) });
        var settings = new SessionSettings { Symbol = "TESTUSDT", StrategyName = "touch", JournalPath = journal.Path, RequoteInterval = TimeSpan.FromMilliseconds(50) };
        var session = new TradingSession(venue, settings, _ => new TouchStrategy(0.01));
        Task watcher = Task.Run(async () =>
        {
            while (data.Played < data.Messages.Count)
            {
                await Task.Delay(20);
            }

            session.RequestStop();
        });

        SessionResult result = await session.RunAsync();
        await watcher;

        Assert.Equal(0, result.OrdersOpenAtEnd);
        Assert.Equal(result.VenuePosition, result.Position);
        Assert.Equal(result.VenueCash, result.Cash);
        Assert.True(result.Executions > 10, $"{result.Executions} executions");
        Assert.Equal(result.VenueExecutions, result.Executions);
        Assert.Equal(result.Executions, result.JournalExecutions);
        Assert.Null(result.KillReason);
        Assert.Equal(result.Executions, JournalReader.Fills(journal.Path).Count);
    }

    [Fact]
    public async Task ASessionStoppedBeforeTheBookHasBothSidesEndsCleanlyWithNoMark()
    {
        using var journal = new TempJournal();

        // The book's snapshot is held back: the session never sees a mid (Ctrl-C in its first second).
        var data = new ScriptedMarketData(ScriptedMarketData.RandomWalk(seed: 3, count: 10)) { PauseAfter = 0, PauseFor = TimeSpan.FromMinutes(10) };
        var venue = new PaperVenue(data, new PaperSettings { Latency = new ConstantLatency(2_000_000, 2_000_000) });
        var settings = new SessionSettings { Symbol = "TESTUSDT", StrategyName = "touch", JournalPath = journal.Path, RequoteInterval = TimeSpan.FromMilliseconds(50) };
        var session = new TradingSession(venue, settings, _ => new TouchStrategy(0.01));
        var started = new TaskCompletionSource();
        session.Started = () => started.TrySetResult();
        Task<SessionResult> running = session.RunAsync();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        session.RequestStop();

        // It threw "the final mid must be finite, got NaN" from the metrics.
        SessionResult result = await running.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, result.OrdersOpenAtEnd);
        Assert.Equal(0, result.Run.Metrics.OrdersSubmitted);
        Assert.Equal(0, result.Run.Metrics.NetPnl);
        Assert.True(double.IsNaN(result.Run.Metrics.MaxAbsInventory), "a mark was made");
        Assert.NotNull(Assert.Single(JournalReader.Load(journal.Path).Runs).EndedAt);

        // Its journal's report: the run, not marked, rather than the same exception.
        RunResult drawn = Assert.Single(JournalReport.Rebuild(journal.Path, new MetricsOptions()));
        Assert.Equal("run 1: touch", drawn.Strategy);
        Assert.Equal(0, drawn.Metrics.NetPnl);
        Assert.Equal(0, drawn.Metrics.Fills);
    }
}
