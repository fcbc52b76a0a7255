using MarketMaking.Strategies.Models;
using MarketMaking.Trading.Bybit;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Session;
using MarketMaking.Venue;
using MarketMaking.Venue.Exchange;
using MarketMaking.Venue.Faults;

namespace MarketMaking.Trading.Tests.Acceptance;

public class FaultySessionTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>Every fault the venue knows, compressed into a minute of wall clock (ten simulated minutes at speed 10).</summary>
    private static readonly FaultPlan EveryFault = new()
    {
        Seed = 7,
        Rules = new Dictionary<FaultKind, FaultRule>
        {
            [FaultKind.DropConnection] = new() { Rate = 0.05 },
            [FaultKind.MarketDataPause] = new() { Every = TimeSpan.FromSeconds(20), Duration = TimeSpan.FromSeconds(2) },
            [FaultKind.SkipDelta] = new() { Rate = 0.005 },
            [FaultKind.PrivateDelay] = new() { Rate = 0.05, Delay = TimeSpan.FromMilliseconds(300) },
            [FaultKind.PrivateDuplicate] = new() { Rate = 0.05 },
            [FaultKind.PrivateReorder] = new() { Rate = 0.05 },
            [FaultKind.ServerError] = new() { Rate = 0.02 },
            [FaultKind.Timeout] = new() { Rate = 0.01, Hold = TimeSpan.FromSeconds(8), Executed = 0.5 },
            [FaultKind.RejectOrder] = new() { Rate = 0.02 },
            [FaultKind.RateLimitSqueeze] = new() { At = [TimeSpan.FromSeconds(15)], Duration = TimeSpan.FromSeconds(5), Factor = 0.2 },
            [FaultKind.ClockSkew] = new() { At = [TimeSpan.FromSeconds(25)], Duration = TimeSpan.FromSeconds(10), Offset = TimeSpan.FromSeconds(2) },
        },
    };

    [Fact]
    public async Task TenSimulatedMinutesWithEveryFaultEndWithNothingOpenAndTheVenuesBooks()
    {
        await using LocalVenue local = await LocalVenues.StartAsync(EveryFault);
        using var journal = new TempJournal();
        await using var venue = new BybitVenue(local.Environment, local.Credentials, requestTimeout: TimeSpan.FromSeconds(2));
        var settings = new SessionSettings { Symbol = "SIMUSDT", StrategyName = "touch", JournalPath = journal.Path, Duration = TimeSpan.FromSeconds(60), StaleAfter = TimeSpan.FromSeconds(1) };
        SessionResult result = await new TradingSession(venue, settings, _ => new TouchStrategy(1)).RunAsync();
        VenueState state = await local.StateAsync();

        output.WriteLine(SessionJson.Final(result));
        output.WriteLine($"injected: {string.Join(", ", local.Faults.Counts.Select(f => $"{f.Key} {f.Value}"))}");
        output.WriteLine($"seen: {string.Join(", ", result.Faults.Select(f => $"{f.Key} {f.Value}"))}");

        // Every kind of fault was injected, and the session noticed faults of its own.
        Assert.All(FaultNames.All, name => Assert.True(local.Faults.Counts[name] > 0, $"{name} was never injected"));
        Assert.True(result.FaultsSeen > 20, string.Join(", ", result.Faults));

        // Nothing left open; the engine's position and cash are the venue's, exactly.
        Assert.Equal(0, result.OrdersOpenAtEnd);
        Assert.Empty(state.OpenOrders);
        Assert.Equal(state.Position, result.Position);
        Assert.Equal(state.Cash - LocalVenues.InitialBalance, result.Cash);

        // Every venue execution is in the journal exactly once.
        IReadOnlyList<JournalFill> fills = JournalReader.Fills(journal.Path);
        Assert.True(fills.Count > 50, $"{fills.Count} executions");
        Assert.Equal(state.Executions.Select(e => e.ExecId).Order(StringComparer.Ordinal), fills.Select(f => f.ExecutionId).Order(StringComparer.Ordinal));
        Assert.Equal((fills.Count, fills.Count), (result.Executions, result.JournalExecutions));
    }
}
