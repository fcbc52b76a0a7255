using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;
using MarketMaking.Data.Bybit.Trading;

namespace MarketMaking.Venue.Tests;

/// <summary>GET /v5/execution/list on a quiet market: Bybit's window of at most seven days.</summary>
public sealed class ExecutionListTests : QuietVenueTest
{
    private const long Day = 86_400_000;

    [Fact]
    public async Task TheListKeepsToAWindowOfAtMostSevenDays()
    {
        await Client.PlaceOrderAsync(Venues.Market("x-1", Side.Buy, 1));
        await Client.PlaceOrderAsync(Venues.Market("x-2", Side.Sell, 1));
        long now = (await Client.GetServerTimeAsync()).TimeNano / 1_000_000;

        Assert.Equal(["x-2", "x-1"], await LinksAsync(new BybitExecutionQuery("linear", "SIMUSDT"))); // the last seven days, newest first
        Assert.Equal(["x-2", "x-1"], await LinksAsync(new BybitExecutionQuery("linear", "SIMUSDT") { EndTime = now + 60_000 }));
        Assert.Equal(["x-2", "x-1"], await LinksAsync(new BybitExecutionQuery("linear", "SIMUSDT") { StartTime = now - (6 * Day) }));
        Assert.Empty(await LinksAsync(new BybitExecutionQuery("linear", "SIMUSDT") { StartTime = now - (8 * Day) })); // the seven days from it ended yesterday
        Assert.Empty(await LinksAsync(new BybitExecutionQuery("linear", "SIMUSDT") { StartTime = now + 60_000 }));
        BybitApiException tooLong = await Assert.ThrowsAsync<BybitApiException>(() => Client.GetExecutionsAsync(new BybitExecutionQuery("linear", "SIMUSDT") { StartTime = now - (8 * Day), EndTime = now }));
        Assert.Equal((10001, "params error: endTime must be after startTime and within 7 days of it"), (tooLong.Code, tooLong.ExchangeMessage));
    }

    private async Task<List<string>> LinksAsync(BybitExecutionQuery query)
    {
        var links = new List<string>();
        await foreach (BybitExecution execution in Client.ReadExecutionsAsync(query))
        {
            links.Add(execution.OrderLinkId);
        }

        return links;
    }
}
