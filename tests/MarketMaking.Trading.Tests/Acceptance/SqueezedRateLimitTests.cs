using MarketMaking.Strategies.Models;
using MarketMaking.Trading.Bybit;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Session;
using MarketMaking.Venue;
using MarketMaking.Venue.Faults;

namespace MarketMaking.Trading.Tests.Acceptance;

public class SqueezedRateLimitTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task ALimitTheVenueSqueezesIsFollowedFromItsHeadersWithoutRefusals()
    {
        // Every limit at a fifth (create, amend, cancel: 2 a second) for the whole run; the touch
        // strategy would send far more. The venue's X-Bapi-Limit says so on every answer.
        await using LocalVenue local = await LocalVenues.StartAsync(LocalVenues.Only(FaultKind.RateLimitSqueeze, new FaultRule { At = [TimeSpan.Zero], Duration = TimeSpan.FromMinutes(5), Factor = 0.2 }));
        using var journal = new TempJournal();
        await using var venue = new BybitVenue(local.Environment, local.Credentials, requestTimeout: TimeSpan.FromSeconds(2));
        var settings = new SessionSettings { Symbol = "SIMUSDT", StrategyName = "touch", JournalPath = journal.Path, Duration = TimeSpan.FromSeconds(8) };
        SessionResult result = await new TradingSession(venue, settings, _ => new TouchStrategy(1)).RunAsync();

        int refused = result.Faults.GetValueOrDefault("venue-rate-limited");
        int creates = JournalReader.Events(journal.Path, "request").Count(e => e.Detail.StartsWith("create", StringComparison.Ordinal));
        output.WriteLine($"{creates} creates, {refused} refused for the rate limit; faults: {string.Join(", ", result.Faults)}");
        Assert.True(creates >= 4, $"{creates} creates: the session hardly quoted");
        Assert.Equal(0, refused);
        Assert.Equal(0, result.OrdersOpenAtEnd);
    }
}
