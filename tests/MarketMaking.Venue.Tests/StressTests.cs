using MarketMaking.Core.Instruments;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Randomness;
using MarketMaking.Data.Bybit;
using MarketMaking.Data.Bybit.Trading;
using MarketMaking.Venue.Exchange;
using MarketMaking.Venue.Faults;

namespace MarketMaking.Venue.Tests;

/// <summary>Every fault at once under a busy client: the venue keeps serving and its books stay whole.</summary>
public sealed class StressTests
{
    // The faults frequent enough to strike in six seconds whatever the timing.
    private static readonly string[] Frequent = ["skip_delta", "private_duplicate", "http_5xx", "reject_order", "market_data_pause", "rate_limit_squeeze", "clock_skew"];

    [Fact]
    public async Task EveryFaultAtOnceLeavesTheAccountConsistent()
    {
        var rules = new Dictionary<FaultKind, FaultRule>
        {
            [FaultKind.DropConnection] = new() { Rate = 0.5 },
            [FaultKind.MarketDataPause] = new() { Every = TimeSpan.FromSeconds(2), Duration = TimeSpan.FromMilliseconds(300) },
            [FaultKind.SkipDelta] = new() { Rate = 0.05 },
            [FaultKind.PrivateDelay] = new() { Rate = 0.1, Delay = TimeSpan.FromMilliseconds(100) },
            [FaultKind.PrivateDuplicate] = new() { Rate = 0.1 },
            [FaultKind.PrivateReorder] = new() { Rate = 0.1 },
            [FaultKind.ServerError] = new() { Rate = 0.15 },
            [FaultKind.Timeout] = new() { Rate = 0.02, Hold = TimeSpan.FromMilliseconds(800) },
            [FaultKind.RejectOrder] = new() { Rate = 0.15 },
            [FaultKind.RateLimitSqueeze] = new() { Every = TimeSpan.FromSeconds(3), Duration = TimeSpan.FromSeconds(1), Factor = 0.5 },
            [FaultKind.ClockSkew] = new() { At = [TimeSpan.FromSeconds(4)], Duration = TimeSpan.FromSeconds(1), Offset = TimeSpan.FromMilliseconds(400) },
        };
        await using LocalVenue venue = await Venues.StartAsync(Venues.Busy, new VenueSettings { Speed = 20, Faults = new FaultPlan { Rules = rules } });
        using BybitTradingClient client = Venues.Client(venue, timeout: TimeSpan.FromMilliseconds(500));
        await using PrivateFeed privateFeed = await PrivateFeed.OpenAsync(venue);
        var feed = new BybitMarketFeed(BybitCategory.Linear, new Instrument("SIMUSDT", 0.01, 1), [BybitTopics.OrderBook(50, "SIMUSDT"), BybitTopics.Trades("SIMUSDT")],
            new BybitFeedOptions { BaseUrl = venue.Environment.PublicStreamBaseUrl, ReconnectDelay = TimeSpan.FromMilliseconds(50) });
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(6));
        Task reading = Task.Run(async () =>
        {
            try
            {
                await foreach (BybitFeedMessage _ in feed.ReadAsync(stop.Token))
                {
                }
            }
            catch (OperationCanceledException)
            {
                // The test's time is up.
            }
        });

        var random = new ScalarRandom(5); // the test's own choices; the venue's randomness is its seed's
        int answered = 0, refused = 0, unknown = 0;
        for (int i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                Side side = random.NextInt(2) == 0 ? Side.Buy : Side.Sell;
                BybitOrderRequest order = random.NextInt(4) == 0
                    ? Venues.Market($"s-{i}", side, 1 + random.NextInt(3))
                    : Venues.Limit($"s-{i}", side, 100m + ((side == Side.Buy ? -1 : 1) * (1 + random.NextInt(29)) * 0.01m), 1 + random.NextInt(3));
                await client.PlaceOrderAsync(order);
                if (random.NextInt(3) == 0)
                {
                    await client.CancelOrderAsync(new BybitCancelRequest { Category = "linear", Symbol = "SIMUSDT", OrderLinkId = $"s-{i}" });
                }

                answered++;
            }
            catch (BybitApiException)
            {
                refused++; // a fault, a rate limit, an order already gone
            }
            catch (Exception e) when (e is BybitTimeoutException or BybitConnectionException)
            {
                unknown++;
            }

            await Task.Delay(110); // under the 10 creates a second of the rate limit, but for squeezes
        }

        await reading;
        await venue.OnMarketThread(() => 0); // the market still runs
        await RetryAsync(() => client.CancelAllOrdersAsync(new BybitCancelAllRequest { Category = "linear", Symbol = "SIMUSDT" }));
        VenueState state = await venue.StateAsync();

        Assert.True(answered >= 10, $"{answered} answered, {refused} refused, {unknown} unknown");
        Assert.Empty(state.OpenOrders);
        decimal flows = state.Executions.Sum(e => (e.Side == Side.Buy ? -1 : 1) * e.ExecQty * e.ExecPrice);
        Assert.Equal(venue.Settings.InitialBalance + flows - state.Executions.Sum(e => e.ExecFee), state.Cash);
        Assert.Equal(state.Executions.Sum(e => (e.Side == Side.Buy ? 1 : -1) * e.ExecQty), state.Position);
        Assert.Equal(state.Executions.Count, state.Executions.Select(e => e.ExecId).Distinct().Count());
        IReadOnlyDictionary<string, long> counts = venue.Faults.Counts;
        Assert.All(Frequent, f => Assert.True(counts[f] > 0, $"{f} never struck"));
    }

    private static async Task RetryAsync(Func<Task> call)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (Exception e) when (attempt < 20 && e is BybitApiException or BybitTimeoutException or BybitConnectionException)
            {
                await Task.Delay(100);
            }
        }
    }
}
