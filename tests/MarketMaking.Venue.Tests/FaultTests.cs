using System.Globalization;
using System.Text.Json;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;
using MarketMaking.Data.Bybit.Trading;
using MarketMaking.Venue.Faults;

namespace MarketMaking.Venue.Tests;

/// <summary>Each fault, switched on alone, as the trading client sees it; and the venue's count and log of it.</summary>
public sealed class FaultTests
{
    private static readonly Instrument Sim = new("SIMUSDT", 0.01, 1);

    [Fact]
    public async Task ADroppedConnectionIsSeenAndReplaced()
    {
        await using LocalVenue venue = await Start(FaultKind.DropConnection, new FaultRule { At = [TimeSpan.FromSeconds(1)] });
        await using PrivateFeed feed = await PrivateFeed.OpenAsync(venue);

        IReadOnlyList<BybitPrivateMessage> messages = await feed.WaitAsync(list => list.Count(m => m.Kind == BybitPrivateMessageKind.Connected) == 2);

        Assert.Equal([BybitPrivateMessageKind.Connected, BybitPrivateMessageKind.Disconnected, BybitPrivateMessageKind.Connected], messages.Select(m => m.Kind));
        Assert.Equal(1, venue.Faults.Count(FaultKind.DropConnection));
        Assert.Equal(1, await Counted(venue, "drop_connection"));
    }

    [Fact]
    public async Task APauseStopsTheMarketDataForItsDuration()
    {
        // The pause starts 3 s in, so a slow start on a loaded machine still subscribes before it (a subscription
        // during the pause gets its snapshot at once and would see only the rest of the pause).
        await using LocalVenue venue = await Start(FaultKind.MarketDataPause, new FaultRule { At = [TimeSpan.FromSeconds(3)], Duration = TimeSpan.FromSeconds(2) }, Venues.Busy);
        var feed = new BybitMarketFeed(BybitCategory.Linear, Sim, [BybitTopics.OrderBook(50, "SIMUSDT")], new BybitFeedOptions { BaseUrl = venue.Environment.PublicStreamBaseUrl });

        // The venue's own stamps (ts, its wall clock when it sent each message): a loaded machine that delivers
        // the last message before the pause late would shorten a silence measured on our receive times.
        List<long> times = [.. (await ReadFor(feed, TimeSpan.FromSeconds(6))).Where(m => m.Kind == BybitFeedMessageKind.OrderBook).Select(m => m.ExchangeTime)];

        long longestSilence = times.Zip(times.Skip(1), (a, b) => b - a).Max();
        Assert.InRange(longestSilence / 1e9, 1.8, 2.5);
        Assert.Equal(1, venue.Faults.Count(FaultKind.MarketDataPause));
    }

    [Fact]
    public async Task ASkippedDeltaIsASequenceGapTheFeedRecoversFrom()
    {
        await using LocalVenue venue = await Start(FaultKind.SkipDelta, new FaultRule { Rate = 0.05 }, Venues.Busy);
        var feed = new BybitMarketFeed(BybitCategory.Linear, Sim, [BybitTopics.OrderBook(50, "SIMUSDT")], new BybitFeedOptions { BaseUrl = venue.Environment.PublicStreamBaseUrl });

        List<BybitFeedMessage> messages = await ReadFor(feed, TimeSpan.FromSeconds(3));

        Assert.True(feed.Gaps > 0);
        Assert.True(feed.Gaps <= venue.Faults.Count(FaultKind.SkipDelta)); // a skip while resynchronizing goes unseen
        Assert.True(messages.Count(m => m.IsSnapshot) > 1); // each gap brought a fresh snapshot
    }

    [Fact]
    public async Task DelayedPrivateMessagesArriveLate()
    {
        await using LocalVenue venue = await Start(FaultKind.PrivateDelay, new FaultRule { Rate = 1, Delay = TimeSpan.FromMilliseconds(400) });
        using BybitTradingClient client = Venues.Client(venue);
        await using PrivateFeed feed = await PrivateFeed.OpenAsync(venue);

        long sent = Nanos();
        await client.PlaceOrderAsync(Order("late"));
        BybitPrivateMessage pushed = (await feed.WaitAsync(m => m.Orders.Any(o => o.OrderLinkId == "late"))).First(m => m.Kind == BybitPrivateMessageKind.Order);

        Assert.True((pushed.LocalTime - sent) / 1e6 >= 400, $"arrived after {(pushed.LocalTime - sent) / 1e6:0} ms");
        Assert.True(venue.Faults.Count(FaultKind.PrivateDelay) >= 2); // the order and the position message
    }

    [Fact]
    public async Task DuplicatedPrivateMessagesArriveTwice()
    {
        await using LocalVenue venue = await Start(FaultKind.PrivateDuplicate, new FaultRule { Rate = 1 });
        using BybitTradingClient client = Venues.Client(venue);
        await using PrivateFeed feed = await PrivateFeed.OpenAsync(venue);

        await client.PlaceOrderAsync(Order("twice"));

        IReadOnlyList<BybitPrivateMessage> messages = await feed.WaitAsync(list => list.Count(m => m.Kind == BybitPrivateMessageKind.Position) == 2);
        Assert.Equal(2, messages.Count(m => m.Kind == BybitPrivateMessageKind.Order));
        Assert.Single(messages.Where(m => m.Kind == BybitPrivateMessageKind.Order).Select(m => m.Id).Distinct());
    }

    [Fact]
    public async Task ReorderedPrivateMessagesArriveAfterTheNextOne()
    {
        await using LocalVenue venue = await Start(FaultKind.PrivateReorder, new FaultRule { Rate = 1 });
        using BybitTradingClient client = Venues.Client(venue);
        await using PrivateFeed feed = await PrivateFeed.OpenAsync(venue);

        await client.PlaceOrderAsync(Order("swapped") with { OrderType = BybitOrderType.Market, Price = null });

        IReadOnlyList<BybitPrivateMessage> messages = await feed.WaitAsync(list => list.Any(m => m.Kind == BybitPrivateMessageKind.Position) && list.Any(m => m.Kind == BybitPrivateMessageKind.Wallet));
        // Sent as execution, order, position, wallet; every message held until the next: order, execution, wallet, position.
        Assert.Equal([BybitPrivateMessageKind.Order, BybitPrivateMessageKind.Execution, BybitPrivateMessageKind.Wallet, BybitPrivateMessageKind.Position],
            messages.Select(m => m.Kind).Where(k => k != BybitPrivateMessageKind.Connected));
        Assert.Equal(2, venue.Faults.Count(FaultKind.PrivateReorder));
    }

    [Fact]
    public async Task AServerErrorIsAnHttp5xxAndNothingIsDone()
    {
        await using LocalVenue venue = await Start(FaultKind.ServerError, new FaultRule { Rate = 1, Status = 502 });
        using BybitTradingClient client = Venues.Client(venue);

        BybitApiException error = await Assert.ThrowsAsync<BybitApiException>(() => client.PlaceOrderAsync(Order("5xx")));

        Assert.Equal(502, error.Code);
        Assert.Equal(0, (await venue.StateAsync()).Orders);
        Assert.Equal(1, venue.Faults.Count(FaultKind.ServerError));
    }

    [Theory]
    [InlineData(1.0, 1)]
    [InlineData(0.0, 0)]
    public async Task ATimeoutLeavesTheOutcomeUnknownAndTheOrderPlacedOrNot(double executed, int orders)
    {
        // The client's timeout covers its connection too: two seconds, so that on a loaded machine it expires while the venue holds the answer, not before the request reached it.
        await using LocalVenue venue = await Start(FaultKind.Timeout, new FaultRule { Rate = 1, Hold = TimeSpan.FromSeconds(6), Executed = executed });
        using BybitTradingClient client = Venues.Client(venue, timeout: TimeSpan.FromSeconds(2));

        await Assert.ThrowsAsync<BybitTimeoutException>(() => client.PlaceOrderAsync(Order("held")));
        await TimeoutRecorded(venue);

        Assert.Equal(orders, (await venue.StateAsync()).Orders);
    }

    [Theory]
    [InlineData(1.0, 1)]
    [InlineData(0.0, 0)]
    public async Task AnOrderEntryAnswerNeverSentTimesOutAfterTheTimeoutWithTheOrderPlacedOrNot(double executed, int orders)
    {
        await using LocalVenue venue = await Start(FaultKind.Timeout, new FaultRule { Rate = 1, Executed = executed });
        // The timeout covers the socket's connection and auth too: two seconds, so that on a loaded machine the order is sent before it expires.
        await using var socket = new BybitTradeSocket(venue.Credentials, new BybitTradingOptions { Environment = venue.Environment, Timeout = TimeSpan.FromSeconds(2) });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // The answer never comes: the socket gives up on its own (a minute only stops a hung test; how soon after the timeout is for a benchmark).
        BybitTimeoutException e = await Assert.ThrowsAsync<BybitTimeoutException>(() => socket.PlaceOrderAsync(Order("lost")).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2), $"gave up after {clock.Elapsed.TotalMilliseconds} ms, before the timeout"); // a load only makes it later
        Assert.Equal("WS order.create", e.Request);
        await TimeoutRecorded(venue);
        Assert.Equal(orders, (await venue.StateAsync()).Orders);
    }

    [Fact]
    public async Task ARejectedOrderIsAcknowledgedThenRejectedOnTheStream()
    {
        await using LocalVenue venue = await Start(FaultKind.RejectOrder, new FaultRule { Rate = 1 });
        using BybitTradingClient client = Venues.Client(venue);
        await using PrivateFeed feed = await PrivateFeed.OpenAsync(venue);

        BybitReply<BybitOrderAck> ack = await client.PlaceOrderAsync(Order("refused"));

        BybitOrder order = (await feed.WaitAsync(m => m.Orders.Any(o => o.OrderId == ack.Result.OrderId))).SelectMany(m => m.Orders).First(o => o.OrderId == ack.Result.OrderId);
        Assert.Equal((BybitOrderStatus.Rejected, BybitRejectReason.Others, 0m), (order.OrderStatus, order.RejectReason, order.CumExecQty));
        Assert.Empty((await venue.StateAsync()).OpenOrders);
    }

    [Fact]
    public async Task ARejectionWithACodeIsARestError()
    {
        await using LocalVenue venue = await Start(FaultKind.RejectOrder, new FaultRule { Rate = 1, Code = 110007 });
        using BybitTradingClient client = Venues.Client(venue);

        Assert.Equal(110007, (await Assert.ThrowsAsync<BybitApiException>(() => client.PlaceOrderAsync(Order("poor")))).Code);
    }

    [Fact]
    public async Task ASqueezeLowersTheLimitInTheHeaders()
    {
        await using LocalVenue venue = await Start(FaultKind.RateLimitSqueeze, new FaultRule { At = [TimeSpan.Zero], Duration = TimeSpan.FromMinutes(1), Factor = 0.2 });
        using BybitTradingClient client = Venues.Client(venue);

        BybitReply<BybitOrderAck> reply = await client.PlaceOrderAsync(Order("squeezed"));
        await client.PlaceOrderAsync(Order("squeezed-2"));
        BybitApiException refused = await Assert.ThrowsAsync<BybitApiException>(() => client.PlaceOrderAsync(Order("squeezed-3")));

        Assert.Equal((2, 1), (reply.RateLimit.Limit, reply.RateLimit.Remaining));
        Assert.Equal(10006, refused.Code);
        Assert.Equal(1, venue.Faults.Count(FaultKind.RateLimitSqueeze));
    }

    [Fact]
    public async Task ASkewedClockRefusesUnsynchronizedClientsUntilTheyAdjust()
    {
        await using LocalVenue venue = await Start(FaultKind.ClockSkew, new FaultRule { At = [TimeSpan.Zero], Duration = TimeSpan.FromMinutes(1), Offset = TimeSpan.FromSeconds(-8) });
        using BybitTradingClient client = Venues.Client(venue);

        BybitApiException early = await Assert.ThrowsAsync<BybitApiException>(() => client.PlaceOrderAsync(Order("ahead")));
        TimeSpan offset = await client.SynchronizeClockAsync();
        await client.PlaceOrderAsync(Order("adjusted"));

        Assert.Equal(10002, early.Code);
        Assert.InRange(offset.TotalSeconds, -8.5, -7.5);
        Assert.Equal(1, (await venue.StateAsync()).Orders);
    }

    [Fact]
    public void DecisionsComeFromTheSeedAndTheOpportunityAlone()
    {
        var plan = new FaultPlan { Rules = new Dictionary<FaultKind, FaultRule> { [FaultKind.SkipDelta] = new() { Rate = 0.3 } } };
        var first = new FaultInjector(plan, 42, null, () => TimeSpan.Zero);
        var again = new FaultInjector(plan, 42, null, () => TimeSpan.FromHours(1));
        var other = new FaultInjector(plan, 43, null, () => TimeSpan.Zero);

        bool[] a = [.. Enumerable.Range(0, 1000).Select(n => first.Strikes(FaultKind.SkipDelta, 3, n))];
        bool[] b = [.. Enumerable.Range(0, 1000).Reverse().Select(n => again.Strikes(FaultKind.SkipDelta, 3, n)).Reverse()]; // asked in another order, later
        bool[] c = [.. Enumerable.Range(0, 1000).Select(n => other.Strikes(FaultKind.SkipDelta, 3, n))];

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.InRange(a.Count(x => x), 250, 350); // 30% of 1000, within about 3 standard deviations (14.5)
    }

    [Fact]
    public void EachFaultIsOneJsonLineInTheLogAndTheTotalsCountThem()
    {
        using var log = new StringWriter();
        var faults = new FaultInjector(FaultPlan.None, 1, log, () => TimeSpan.FromSeconds(12.5));

        faults.Record(FaultKind.SkipDelta, "connection 3: a \"quoted\" detail");
        faults.Record(FaultKind.SkipDelta, "again");
        faults.Record(FaultKind.Timeout, "held");

        string[] lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        using JsonDocument first = JsonDocument.Parse(lines[0]);
        Assert.Equal(("skip_delta", "connection 3: a \"quoted\" detail", 12.5), (first.RootElement.GetProperty("fault").GetString(), first.RootElement.GetProperty("detail").GetString(), first.RootElement.GetProperty("elapsed_s").GetDouble()));
        using JsonDocument totals = JsonDocument.Parse(faults.Totals());
        Assert.Equal(2, totals.RootElement.GetProperty("faults").GetProperty("skip_delta").GetInt32());
        Assert.Equal(1, totals.RootElement.GetProperty("faults").GetProperty("timeout").GetInt32());
        Assert.Equal(11, totals.RootElement.GetProperty("faults").EnumerateObject().Count());
    }

    private static Task<LocalVenue> Start(FaultKind kind, FaultRule rule, Simulation.Agents.AgentMarketParameters? market = null) =>
        Venues.StartAsync(market ?? Venues.Quiet, new VenueSettings
        {
            Speed = 20,
            RateLimits = kind == FaultKind.RateLimitSqueeze ? new VenueRateLimits() : new VenueRateLimits { Scale = 0 },
            Faults = new FaultPlan { Rules = new Dictionary<FaultKind, FaultRule> { [kind] = rule } },
        });

    private static async Task<long> Counted(LocalVenue venue, string name)
    {
        using JsonDocument counts = JsonDocument.Parse(await Http.GetAsync(venue, "/venue/faults"));
        return counts.RootElement.GetProperty(name).GetInt64();
    }

    private static BybitOrderRequest Order(string linkId) => Venues.Limit(linkId);

    private static long Nanos() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;

    private static async Task<List<BybitFeedMessage>> ReadFor(BybitMarketFeed feed, TimeSpan duration)
    {
        var messages = new List<BybitFeedMessage>();
        using var stop = new CancellationTokenSource(duration);
        try
        {
            await foreach (BybitFeedMessage message in feed.ReadAsync(stop.Token))
            {
                messages.Add(message);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The duration is over.
        }

        return messages;
    }

    /// <summary>Waits for the venue to record the one timeout fault: it records it after processing (or dropping) the order,
    /// which on a loaded machine can come after the client gave up (CI once read the orders before).</summary>
    private static async Task TimeoutRecorded(LocalVenue venue)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (venue.Faults.Count(FaultKind.Timeout) == 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, venue.Faults.Count(FaultKind.Timeout));
    }
}
