using MarketMaking.Core.Orders;
using MarketMaking.Trading.Bybit;
using MarketMaking.Trading.Tests.Acceptance;
using MarketMaking.Trading.Venues;
using MarketMaking.Venue;

namespace MarketMaking.Trading.Tests.Bybit;

public class BybitVenueTests
{
    private const long Day = 86_400_000_000_000;

    [Fact]
    public async Task ExecutionsSinceMoreThanAWeekAgoAreReadAWeekAtATime()
    {
        await using LocalVenue local = await LocalVenues.StartAsync();
        await using var venue = new BybitVenue(local.Environment, local.Credentials);
        VenueInstrument instrument = await venue.ConnectAsync("SIMUSDT", default);
        foreach ((string link, Side side) in new[] { ("week-1", Side.Buy), ("week-2", Side.Sell) })
        {
            OrderReply reply = await venue.SendAsync(new OrderCommand(OrderCommandKind.Create, link, side, 0m, instrument.MinQuantity, false, false, true, 0), default);
            Assert.Equal(ReplyOutcome.Accepted, reply.Outcome);
        }

        string[] traded = [.. (await local.StateAsync()).Executions.Select(e => e.ExecId).Order(StringComparer.Ordinal)];
        Assert.True(traded.Length >= 2, $"{traded.Length} executions");

        // Bybit gives a start time alone the seven days from it: ten days back, those are the first seven of the ten.
        long now = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
        VenueAccount account = await venue.AccountAsync(now - (10 * Day), default);

        Assert.Equal(traded, account.ExecutionIds.Order(StringComparer.Ordinal));
        Assert.Equal(0m, account.Position);
    }
}
