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
}
