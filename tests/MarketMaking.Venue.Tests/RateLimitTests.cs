using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;
using MarketMaking.Data.Bybit.Trading;

namespace MarketMaking.Venue.Tests;

/// <summary>Bybit's per-endpoint limits over a rolling second, with its headers and retCode 10006 (docs/v5/rate-limit/rate-limit.mdx).</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task TheEleventhCreateInASecondIsRefusedAndEveryAnswerSaysWhatIsLeft()
    {
        // A machine loaded enough to spread the eleven creates over more than a second of the venue's
        // clock (all eleven answered, the first and last a second or more apart) has not asked for
        // eleven in a second: the venue rightly refused none, and the case is tried again.
        for (int attempt = 1; ; attempt++)
        {
            await using LocalVenue venue = await Venues.StartAsync(Venues.Quiet);
            using BybitTradingClient client = Venues.Client(venue);
            await client.GetWalletBalanceAsync(); // warm up (its own budget): the eleven creates below then land within milliseconds

            long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            Task<BybitReply<BybitOrderAck>>[] creates = [.. Enumerable.Range(0, 11).Select(i => client.PlaceOrderAsync(Order($"rl-{i}")))];
            await Task.WhenAll(creates).ContinueWith(_ => { }, TaskScheduler.Default);
            if (creates.All(t => t.IsCompletedSuccessfully) && creates.Max(t => t.Result.ServerTime) - creates.Min(t => t.Result.ServerTime) >= 1000 && attempt < 3)
            {
                continue;
            }

            await AssertTheEleventhRefusedAsync(venue, client, creates, before);
            return;
        }
    }

    private static async Task AssertTheEleventhRefusedAsync(LocalVenue venue, BybitTradingClient client, Task<BybitReply<BybitOrderAck>>[] creates, long before)
    {
        List<BybitReply<BybitOrderAck>> placed = [.. creates.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result)];
        BybitApiException refused = Assert.IsType<BybitApiException>(Assert.Single(creates, t => t.IsFaulted).Exception!.InnerException);
        Assert.Equal(10, placed.Count);
        Assert.All(placed, r => Assert.Equal(10, r.RateLimit.Limit));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], placed.Select(r => r.RateLimit.Remaining).Order());
        Assert.Equal((10006, "Too many visits!"), (refused.Code, refused.ExchangeMessage));
        Assert.True(refused.IsRateLimit);
        Assert.Equal((10, 0), (refused.RateLimit.Limit, refused.RateLimit.Remaining));
        // When the first of the ten leaves the window: counted after `before` (the venue's clock is the wall clock at
        // its start plus a monotonic stopwatch, which can drift from the wall clock read here by part of a
        // millisecond) and no later than the venue answered it (a loaded machine can hold the first create past a second).
        Assert.InRange(refused.RateLimit.ResetTimestamp, before + 999, placed.Min(r => r.ServerTime) + 1000);
        Assert.Equal(10, (await venue.StateAsync()).OpenOrders.Count);

        // Another endpoint has its own budget (50 a second for open orders).
        BybitReply<BybitPage<BybitOrder>> orders = await client.GetOrdersAsync(new BybitOrderQuery("linear", "SIMUSDT"));
        Assert.Equal((50, 49), (orders.RateLimit.Limit, orders.RateLimit.Remaining));
    }

    [Fact]
    public async Task ABatchCountsEachOrderAndTheExcessFailsOnItsOwn()
    {
        await using LocalVenue venue = await Venues.StartAsync(Venues.Quiet);
        using BybitTradingClient client = Venues.Client(venue);

        BybitReply<BybitBatchResult> reply = await client.PlaceBatchAsync(new BybitBatchOrderRequest
        {
            Category = "linear",
            Request = [.. Enumerable.Range(0, 12).Select(i => Order($"bt-{i}") with { Category = null })],
        });

        Assert.Equal([.. Enumerable.Repeat(0, 10), 10006, 10006], reply.ExtInfo.List!.Select(s => s.Code));
        Assert.Equal((10, 0), (reply.RateLimit.Limit, reply.RateLimit.Remaining));
        Assert.Equal(10, (await venue.StateAsync()).OpenOrders.Count);
    }

    [Fact]
    public async Task TheLimitsScaleWithTheSettings()
    {
        await using LocalVenue venue = await Venues.StartAsync(Venues.Quiet, new VenueSettings { RateLimits = new VenueRateLimits { Scale = 3 } });
        using BybitTradingClient client = Venues.Client(venue);

        BybitReply<BybitOrderAck> reply = await client.PlaceOrderAsync(Order("scaled"));

        Assert.Equal((30, 29), (reply.RateLimit.Limit, reply.RateLimit.Remaining));
    }

    [Fact]
    public async Task APagedReadWaitsOutTheLimitRatherThanBeingRefusedMidway()
    {
        // A tenth of Bybit's limits: 5 execution-list requests a second.
        await using LocalVenue venue = await Venues.StartAsync(Venues.Quiet, new VenueSettings { RateLimits = new VenueRateLimits { Scale = 0.1 } });
        using BybitTradingClient client = Venues.Client(venue);
        await client.PlaceOrderAsync(Venues.Market("sweep", Side.Buy, 40)); // through the quiet book's asks: an execution per order taken
        int executions = (await venue.StateAsync()).Executions.Count;
        Assert.True(executions > 5, $"{executions} executions");

        var read = new List<string>();
        await foreach (BybitExecution execution in client.ReadExecutionsAsync(new BybitExecutionQuery("linear", "SIMUSDT") { Limit = 1 }))
        {
            read.Add(execution.ExecId); // a page each: more pages than the limit allows in a second
        }

        Assert.Equal(executions, read.Distinct().Count());
    }

    private static BybitOrderRequest Order(string linkId) => Venues.Limit(linkId);
}
