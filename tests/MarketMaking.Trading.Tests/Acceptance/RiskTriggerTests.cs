using System.Diagnostics;
using MarketMaking.Core.Risk;
using MarketMaking.Strategies.Models;
using MarketMaking.Trading.Bybit;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Session;
using MarketMaking.Venue;
using MarketMaking.Venue.Faults;

namespace MarketMaking.Trading.Tests.Acceptance;

/// <summary>Acceptance 3 on the local venue: each trigger leaves no order of ours open within one second.</summary>
public class RiskTriggerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task TheKillSwitch()
    {
        await using LocalVenue local = await LocalVenues.StartAsync();
        (TradingSession session, Task<long> trigger, TempJournal journal) = Start(local, "kill", s => s with { Run = new() { Risk = new RiskLimits { MaxLoss = 0.5 } } });
        using (journal)
        {
            Task<SessionResult> running = session.RunAsync();
            long killed = await trigger.WaitAsync(TimeSpan.FromSeconds(60));
            long flat = await LocalVenues.NoOrderOpenAsync(local, TimeSpan.FromSeconds(5));
            SessionResult result = await running;
            WithinOneSecond("kill", killed, flat, journal);
            Assert.StartsWith("max loss", result.KillReason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task StaleMarketData()
    {
        await using LocalVenue local = await LocalVenues.StartAsync(LocalVenues.Only(FaultKind.MarketDataPause, new FaultRule { At = [TimeSpan.FromSeconds(6)], Duration = TimeSpan.FromSeconds(3) }));
        (TradingSession session, Task<long> trigger, TempJournal journal) = Start(local, "stale-data", s => s with { StaleAfter = TimeSpan.FromSeconds(1) });
        using (journal)
        {
            Task<SessionResult> running = session.RunAsync();
            await LocalVenues.QuotingAsync(local, TimeSpan.FromSeconds(10));
            long stale = await trigger.WaitAsync(TimeSpan.FromSeconds(30));
            long flat = await LocalVenues.NoOrderOpenAsync(local, TimeSpan.FromSeconds(5));
            await LocalVenues.QuotingAsync(local, TimeSpan.FromSeconds(10)); // fresh data: quoting again
            session.RequestStop();
            Assert.Equal(0, (await running).OrdersOpenAtEnd);
            WithinOneSecond("stale", stale, flat, journal);
        }
    }

    [Fact]
    public async Task LossOfThePrivateStream()
    {
        await using LocalVenue local = await LocalVenues.StartAsync(LocalVenues.Only(FaultKind.DropConnection, new FaultRule { Rate = 0.1 }));
        (TradingSession session, Task<long> trigger, TempJournal journal) = Start(local, "stream-down", s => s);
        using (journal)
        {
            Task<SessionResult> running = session.RunAsync();
            long down = await trigger.WaitAsync(TimeSpan.FromSeconds(60));
            long flat = await LocalVenues.NoOrderOpenAsync(local, TimeSpan.FromSeconds(5));
            session.RequestStop();
            SessionResult result = await running;
            WithinOneSecond("stream down", down, flat, journal);
            Assert.Equal(0, result.OrdersOpenAtEnd);
            Assert.Equal(result.VenuePosition, result.Position);
        }
    }

    /// <summary>Asserts the trigger left nothing open within a second; on failure the message carries the journal's events, read after the session ended.</summary>
    private void WithinOneSecond(string trigger, long triggeredAt, long flatAt, TempJournal journal)
    {
        TimeSpan took = Stopwatch.GetElapsedTime(triggeredAt, flatAt);
        output.WriteLine($"{trigger} → nothing open: {took.TotalMilliseconds:F0} ms");
        if (took >= OneSecond)
        {
            IEnumerable<string> events = JournalReader.Events(journal.Path).Where(e => e.Kind != "decision").TakeLast(60)
                .Select(e => $"{e.LocalTime / 1_000_000 % 100_000} ms {e.Kind} {e.LinkId} {e.Detail}");
            Assert.Fail($"{trigger} → nothing open took {took.TotalMilliseconds:F0} ms; the journal's last events:\n{string.Join('\n', events)}");
        }
    }

    private static (TradingSession Session, Task<long> Trigger, TempJournal Journal) Start(LocalVenue local, string fault, Func<SessionSettings, SessionSettings> adjust)
    {
        var journal = new TempJournal();
        var venue = new BybitVenue(local.Environment, local.Credentials, TimeSpan.FromSeconds(2));
        var settings = adjust(new SessionSettings { Symbol = "SIMUSDT", StrategyName = "touch", JournalPath = journal.Path, Duration = TimeSpan.FromSeconds(60) });
        var trigger = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var session = new TradingSession(venue, settings, _ => new TouchStrategy(1))
        {
            FaultSeen = kind =>
            {
                if (kind == fault)
                {
                    trigger.TrySetResult(Stopwatch.GetTimestamp());
                }
            },
        };
        return (session, trigger.Task, journal);
    }
}
