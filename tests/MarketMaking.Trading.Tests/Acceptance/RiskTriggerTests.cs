using System.Diagnostics;
using MarketMaking.Core.Risk;
using MarketMaking.Strategies.Models;
using MarketMaking.Trading.Bybit;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Session;
using MarketMaking.Venue;
using MarketMaking.Venue.Faults;

namespace MarketMaking.Trading.Tests.Acceptance;

/// <summary>
/// Acceptance 3 on the local venue: each trigger cancels every order of ours at once (in the step that saw it,
/// asserted on the journal: a stopwatch bound failed healthy runs on a loaded machine) and none is left open.
/// </summary>
public class RiskTriggerTests
{
    /// <summary>Only stops a hung test.</summary>
    private static readonly TimeSpan Hung = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TheKillSwitch()
    {
        await using LocalVenue local = await LocalVenues.StartAsync();
        (TradingSession session, Task<long> trigger, TempJournal journal) = Start(local, "kill", s => s with { Run = new() { Risk = new RiskLimits { MaxLoss = 0.5 } } });
        using (journal)
        {
            Task<SessionResult> running = session.RunAsync();
            await trigger.WaitAsync(TimeSpan.FromSeconds(60));
            await LocalVenues.NoOrderOpenAsync(local, Hung);
            SessionResult result = await running;
            CancelledAtOnce.After(journal.Path, e => e.Kind == "fault" && e.Detail.StartsWith("kill:", StringComparison.Ordinal), $"kill switch: {result.KillReason}");
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
            await LocalVenues.QuotingAsync(local, Hung);
            await trigger.WaitAsync(Hung);
            await LocalVenues.NoOrderOpenAsync(local, Hung);
            await LocalVenues.QuotingAsync(local, Hung); // fresh data: quoting again
            session.RequestStop();
            Assert.Equal(0, (await running).OrdersOpenAtEnd);
            CancelledAtOnce.After(journal.Path, e => e.Kind == "fault" && e.Detail.StartsWith("stale-data:", StringComparison.Ordinal), "stale market data");
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
            await trigger.WaitAsync(TimeSpan.FromSeconds(60));
            await LocalVenues.NoOrderOpenAsync(local, Hung);
            session.RequestStop();
            SessionResult result = await running;
            CancelledAtOnce.After(journal.Path, e => e.Kind == "fault" && e.Detail.StartsWith("stream-down:", StringComparison.Ordinal), "private stream down");
            Assert.Equal(0, result.OrdersOpenAtEnd);
            Assert.Equal(result.VenuePosition, result.Position);
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
