using MarketMaking.Core.Metrics;
using MarketMaking.Core.Quoting;
using MarketMaking.Simulation.Engine;
using MarketMaking.Strategies;
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

    /// <summary>
    /// A paper session that only bids ends holding what it bought; a new process (a fresh paper venue,
    /// flat) restarted on its journal starts (it was refused: "position on paper … is 0 but the journal's
    /// executions give …"), holds that position from its start, and ends with the venue's figures equal to
    /// the journal's over both runs: the position, the cash, and every execution id once.
    /// </summary>
    [Fact]
    public async Task APaperSessionRestartedOnItsJournalInANewProcessContinuesFromItsPosition()
    {
        using var journal = new TempJournal();
        var settings = new SessionSettings { Symbol = "TESTUSDT", StrategyName = "bid-only", JournalPath = journal.Path, RequoteInterval = TimeSpan.FromMilliseconds(50) };
        SessionResult first = await RunToTheEndAsync(settings, seed: 3);
        Assert.True(first.Position > 0, $"position {first.Position}: the bids did not fill");
        Assert.Equal(first.VenuePosition, first.Position);

        SessionResult second = await RunToTheEndAsync(settings, seed: 5);

        // Its first decision holds what the first run ended with (no order of its own before it).
        Assert.Equal(2, second.JournalRun);
        JournalEvent decision = JournalReader.Events(journal.Path, "decision").First(d => d.Run == 2);
        Assert.True(DecisionText.TryParse(decision.Detail, out _, out _, out double held, out _, out _));
        Assert.Equal((double)first.Position, held);
        Assert.True(second.Position >= first.Position, $"{second.Position} after {first.Position}: bids only add to it");
        Assert.Equal((second.VenuePosition, second.VenueCash, second.VenueExecutions), (second.Position, second.Cash, second.Executions));
        Assert.Equal(second.Executions, second.JournalExecutions);
        Assert.Equal(JournalReader.Fills(journal.Path).Sum(f => f.Quantity), second.Position); // every fill a buy, from flat
        Assert.DoesNotContain(JournalReader.Events(journal.Path, "fault"), e => e.Detail.StartsWith("position-mismatch", StringComparison.Ordinal));
    }

    private static PaperVenue Venue(ulong seed, out ScriptedMarketData data)
    {
        data = new ScriptedMarketData(ScriptedMarketData.RandomWalk(seed, count: 1500));
        return new PaperVenue(data, new PaperSettings { Latency = new ConstantLatency(2_000_000, 2_000_000) });
    }

    /// <summary>A bid-only session on a fresh paper venue (a new process), run until its market data has played, then stopped.</summary>
    private static async Task<SessionResult> RunToTheEndAsync(SessionSettings settings, ulong seed)
    {
        var session = new TradingSession(Venue(seed, out ScriptedMarketData data), settings, _ => new BidOnly());
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
        return result;
    }

    /// <summary>Joins the best bid only: every fill is a buy.</summary>
    private sealed class BidOnly : IQuotingStrategy
    {
        public string Name => "bid-only";

        public QuoteDecision Decide(in QuoteContext context) => QuoteDecision.TwoSided(context.BestBid, double.NaN, 0.01);
    }
}
