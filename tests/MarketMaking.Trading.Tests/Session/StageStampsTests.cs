using MarketMaking.Simulation.Exchange;
using MarketMaking.Strategies.Models;
using MarketMaking.Trading.Paper;
using MarketMaking.Trading.Session;

namespace MarketMaking.Trading.Tests.Session;

public class StageStampsTests
{
    /// <summary>The stamps are the tick-to-order bench's: a session that did not switch them on never takes one.</summary>
    [Fact]
    public async Task AreOffUnlessSwitchedOnAndASessionTakesNone()
    {
        Assert.False(AppContext.TryGetSwitch(StageStamps.Switch, out bool on) && on);
        Assert.False(StageStamps.Enabled);

        using var journal = new TempJournal();
        var data = new ScriptedMarketData(ScriptedMarketData.RandomWalk(seed: 5, count: 300));
        var venue = new PaperVenue(data, new PaperSettings { Latency = new ConstantLatency(2_000_000, 2_000_000) });
        var settings = new SessionSettings { Symbol = "TESTUSDT", StrategyName = "touch", JournalPath = journal.Path, RequoteInterval = TimeSpan.Zero };
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

        Assert.True(result.Run.Metrics.OrdersSubmitted > 0, "the session made no decision that sent an order");
        Assert.Equal(0, StageStamps.BookApplied);
        Assert.Equal(0, StageStamps.DecisionStarted);
        Assert.Equal(0, StageStamps.DecisionMade);
    }
}
