using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;
using MarketMaking.Data.Bybit.Trading;

namespace MarketMaking.Venue.Tests;

/// <summary>
/// The private REST API on a quiet market (only the test trades, against the seeded book or its
/// own resting orders), so every outcome is known in advance: Bybit's errors, order types and
/// times in force, reduce-only, amends and queue priority, batches.
/// </summary>
public sealed class PrivateApiTests : QuietVenueTest
{
    [Fact]
    public async Task AWrongSignatureAStaleTimestampAndAnUnknownKeyGetBybitsCodes()
    {
        using var forged = Venues.Client(Venue, new BybitCredentials(Venue.ApiKey, "not-the-secret"));
        using var stranger = Venues.Client(Venue, new BybitCredentials("UNKNOWNKEY00000000", Venue.ApiSecret));
        using BybitTradingClient late = Venues.Client(Venue);
        late.ClockOffset = TimeSpan.FromSeconds(-6); // the default receive window is 5 s
        using BybitTradingClient early = Venues.Client(Venue);
        early.ClockOffset = TimeSpan.FromSeconds(2); // Bybit allows at most 1 s ahead

        Assert.Equal(10004, (await Assert.ThrowsAsync<BybitApiException>(() => forged.GetWalletBalanceAsync())).Code);
        Assert.Equal(10003, (await Assert.ThrowsAsync<BybitApiException>(() => stranger.PlaceOrderAsync(Limit("x", Side.Buy, 99m, 1)))).Code);
        BybitApiException stale = await Assert.ThrowsAsync<BybitApiException>(() => late.GetWalletBalanceAsync());
        Assert.Equal(10002, stale.Code);
        Assert.Contains("recv_window[5000]", stale.ExchangeMessage, StringComparison.Ordinal);
        Assert.Equal(10002, (await Assert.ThrowsAsync<BybitApiException>(() => early.GetWalletBalanceAsync())).Code);
        Assert.Empty((await Venue.StateAsync()).OpenOrders); // none of them placed anything
    }

    [Fact]
    public async Task ADuplicateOrderLinkIdIsRefusedAndTheFirstOrderStands()
    {
        await Client.PlaceOrderAsync(Limit("dup-1", Side.Buy, 99.50m, 1));

        BybitApiException error = await Assert.ThrowsAsync<BybitApiException>(() => Client.PlaceOrderAsync(Limit("dup-1", Side.Buy, 99.40m, 2)));

        Assert.Equal((110072, "OrderLinkedID is duplicate"), (error.Code, error.ExchangeMessage));
        BybitOrder only = Assert.Single((await Client.GetOrdersAsync(new BybitOrderQuery("linear", "SIMUSDT"))).Result.List);
        Assert.Equal((99.50m, 1m), (only.Price, only.Qty));
    }

    [Fact]
    public async Task APostOnlyOrderThatWouldCrossIsAcceptedThenCancelled()
    {
        await using PrivateFeed feed = await PrivateFeed.OpenAsync(Venue);

        BybitReply<BybitOrderAck> ack = await Client.PlaceOrderAsync(Limit("po-1", Side.Buy, 100.01m, 1) with { TimeInForce = BybitTimeInForce.PostOnly });

        BybitOrder order = Assert.Single((await Client.GetOrdersAsync(new BybitOrderQuery("linear") { OrderLinkId = "po-1" })).Result.List);
        Assert.Equal(ack.Result.OrderId, order.OrderId);
        Assert.Equal((BybitOrderStatus.Cancelled, BybitRejectReason.PostOnlyWillTakeLiquidity, BybitCancelType.Unknown, 0m), (order.OrderStatus, order.RejectReason, order.CancelType, order.CumExecQty));
        IReadOnlyList<BybitPrivateMessage> pushed = await feed.WaitAsync(m => m.Orders.Any(o => o.OrderLinkId == "po-1" && o.OrderStatus == BybitOrderStatus.Cancelled));
        Assert.DoesNotContain(pushed, m => m.Kind == BybitPrivateMessageKind.Execution);
        Assert.Equal(0m, (await Venue.StateAsync()).Position);
    }

    [Fact]
    public async Task AnImmediateOrCancelOrderTradesWhatItCanAndCancelsTheRest()
    {
        await Client.PlaceOrderAsync(Limit("maker-3", Side.Sell, 100.00m, 3));

        await Client.PlaceOrderAsync(Limit("ioc-5", Side.Buy, 100.00m, 5) with { TimeInForce = BybitTimeInForce.ImmediateOrCancel });

        BybitOrder ioc = await Order("ioc-5");
        Assert.Equal((BybitOrderStatus.Cancelled, 3m, 100.00m, BybitRejectReason.NoImmediateQtyToFill), (ioc.OrderStatus, ioc.CumExecQty, ioc.AvgPrice!.Value, ioc.RejectReason));
        Assert.Equal(BybitOrderStatus.Filled, (await Order("maker-3")).OrderStatus);
    }

    [Fact]
    public async Task AFillOrKillOrderFillsInFullOrNotAtAll()
    {
        await Client.PlaceOrderAsync(Limit("maker-fok", Side.Sell, 100.00m, 3));

        await Client.PlaceOrderAsync(Limit("fok-5", Side.Buy, 100.00m, 5) with { TimeInForce = BybitTimeInForce.FillOrKill });
        await Client.PlaceOrderAsync(Limit("fok-3", Side.Buy, 100.00m, 3) with { TimeInForce = BybitTimeInForce.FillOrKill });

        BybitOrder refused = await Order("fok-5");
        Assert.Equal((BybitOrderStatus.Cancelled, 0m, BybitRejectReason.CancelForNoFullFill), (refused.OrderStatus, refused.CumExecQty, refused.RejectReason));
        Assert.Equal((BybitOrderStatus.Filled, 3m), ((await Order("fok-3")).OrderStatus, (await Order("fok-3")).CumExecQty));
        Assert.Equal(BybitOrderStatus.Filled, (await Order("maker-fok")).OrderStatus);
    }

    [Fact]
    public async Task AMarketOrderSweepsTheBookAndIsAlwaysImmediateOrCancel()
    {
        string book = await Http.GetAsync(Venue, "/v5/market/orderbook?category=linear&symbol=SIMUSDT&limit=3");
        decimal[] askSizes = [.. System.Text.Json.JsonDocument.Parse(book).RootElement.GetProperty("result").GetProperty("a").EnumerateArray().Select(l => decimal.Parse(l[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture))];
        decimal quantity = askSizes[0] + askSizes[1] + 1; // through two levels into the third

        await Client.PlaceOrderAsync(Venues.Market("mkt-1", Side.Buy, quantity));

        BybitOrder market = await Order("mkt-1");
        decimal value = (askSizes[0] * 100.01m) + (askSizes[1] * 100.02m) + 100.03m;
        Assert.Equal((BybitOrderStatus.Filled, BybitTimeInForce.ImmediateOrCancel, quantity, value), (market.OrderStatus, market.TimeInForce, market.CumExecQty, market.CumExecValue));
        Assert.Equal(quantity, (await Venue.StateAsync()).Position);
    }

    [Fact]
    public async Task ReduceOnlyOrdersAreRefusedWithoutAPositionToReduceAndTrimmedToIt()
    {
        BybitApiException flat = await Assert.ThrowsAsync<BybitApiException>(() => Client.PlaceOrderAsync(Limit("ro-0", Side.Sell, 101m, 1) with { ReduceOnly = true }));
        Assert.Equal((110017, "Reduce-only rule not satisfied"), (flat.Code, flat.ExchangeMessage));

        await Client.PlaceOrderAsync(Venues.Market("open-long", Side.Buy, 2));
        await Client.PlaceOrderAsync(Limit("ro-5", Side.Sell, 101m, 5) with { ReduceOnly = true });

        Assert.Equal(2m, (await Order("ro-5")).Qty); // trimmed to the position
        Assert.Equal(110017, (await Assert.ThrowsAsync<BybitApiException>(() => Client.PlaceOrderAsync(Limit("ro-more", Side.Sell, 101m, 1) with { ReduceOnly = true }))).Code);
        Assert.Equal(110017, (await Assert.ThrowsAsync<BybitApiException>(() => Client.PlaceOrderAsync(Limit("ro-buy", Side.Buy, 99m, 1) with { ReduceOnly = true }))).Code);
    }

    [Fact]
    public async Task AmendingDownKeepsQueuePriorityAndAmendingUpLosesIt()
    {
        await Client.PlaceOrderAsync(Limit("a", Side.Sell, 100.00m, 2));
        await Client.PlaceOrderAsync(Limit("b", Side.Sell, 100.00m, 2));

        await Client.AmendOrderAsync(new BybitAmendRequest { Category = "linear", Symbol = "SIMUSDT", OrderLinkId = "a", Qty = 1 });
        await Buy("take-1", 1);

        Assert.Equal((BybitOrderStatus.Filled, BybitOrderStatus.New), ((await Order("a")).OrderStatus, (await Order("b")).OrderStatus)); // a kept its place ahead of b

        await Client.PlaceOrderAsync(Limit("c", Side.Sell, 100.00m, 2));
        await Client.AmendOrderAsync(new BybitAmendRequest { Category = "linear", Symbol = "SIMUSDT", OrderLinkId = "b", Qty = 3 });
        await Buy("take-2", 2);

        Assert.Equal((BybitOrderStatus.New, BybitOrderStatus.Filled), ((await Order("b")).OrderStatus, (await Order("c")).OrderStatus)); // b went behind c
        Assert.Equal(3m, (await Order("b")).Qty);
    }

    [Fact]
    public async Task AmendAndCancelOfAnOrderThatIsNotOpenAreRefused()
    {
        await Client.PlaceOrderAsync(Limit("gone", Side.Buy, 99.00m, 1));
        await Client.CancelOrderAsync(new BybitCancelRequest { Category = "linear", Symbol = "SIMUSDT", OrderLinkId = "gone" });

        Assert.Equal(110001, (await Assert.ThrowsAsync<BybitApiException>(() => Client.CancelOrderAsync(new BybitCancelRequest { Category = "linear", Symbol = "SIMUSDT", OrderLinkId = "gone" }))).Code);
        Assert.Equal(110001, (await Assert.ThrowsAsync<BybitApiException>(() => Client.AmendOrderAsync(new BybitAmendRequest { Category = "linear", Symbol = "SIMUSDT", OrderLinkId = "never", Price = 98m }))).Code);
        BybitOrder cancelled = await Order("gone");
        Assert.Equal((BybitOrderStatus.Cancelled, BybitCancelType.CancelByUser), (cancelled.OrderStatus, cancelled.CancelType));
    }

    [Fact]
    public async Task OffGridPricesAndQuantitiesAndOtherSymbolsAreParamsErrors()
    {
        Assert.Equal(10001, (await Assert.ThrowsAsync<BybitApiException>(() => Client.PlaceOrderAsync(Limit("g1", Side.Buy, 99.005m, 1)))).Code);
        Assert.Equal(10001, (await Assert.ThrowsAsync<BybitApiException>(() => Client.PlaceOrderAsync(Limit("g2", Side.Buy, 99m, 1.5m)))).Code);
        Assert.Equal(10001, (await Assert.ThrowsAsync<BybitApiException>(() => Client.PlaceOrderAsync(Limit("g3", Side.Buy, 99m, 1) with { Symbol = "BTCUSDT" }))).Code);
        Assert.Equal(10001, (await Assert.ThrowsAsync<BybitApiException>(() => Client.PlaceOrderAsync(Limit("g4", Side.Buy, 99m, 1) with { TakeProfit = 120m }))).Code);
        Assert.Equal(10001, (await Assert.ThrowsAsync<BybitApiException>(() => Client.PlaceOrderAsync(Limit(new string('x', 37), Side.Buy, 99m, 1)))).Code);
        Assert.Equal(110094, (await Assert.ThrowsAsync<BybitApiException>(() => Client.PlaceOrderAsync(Limit("tiny", Side.Buy, 4.99m, 1)))).Code); // below instruments-info's minNotionalValue of 5
    }

    [Fact]
    public async Task ABatchPlacesEachOrderAndReportsEachOutcome()
    {
        BybitReply<BybitBatchResult> reply = await Client.PlaceBatchAsync(new BybitBatchOrderRequest
        {
            Category = "linear",
            Request = [Limit("b1", Side.Buy, 99.10m, 1) with { Category = null }, Limit("b1", Side.Buy, 99.20m, 1) with { Category = null }, Limit("b3", Side.Sell, 100.90m, 2) with { Category = null }],
        });

        Assert.Equal(["b1", "b1", "b3"], reply.Result.List.Select(a => a.OrderLinkId));
        Assert.Equal([0, 110072, 0], reply.ExtInfo.List!.Select(s => s.Code));
        Assert.Equal("", reply.Result.List[1].OrderId);

        BybitReply<BybitCancelAllResult> cancelled = await Client.CancelAllOrdersAsync(new BybitCancelAllRequest { Category = "linear", Symbol = "SIMUSDT" });
        Assert.Equal(["b3", "b1"], cancelled.Result.List.Select(a => a.OrderLinkId).Reverse());
        Assert.Empty((await Venue.StateAsync()).OpenOrders);
    }

    private static BybitOrderRequest Limit(string linkId, Side side, decimal price, decimal qty) => Venues.Limit(linkId, side, price, qty);

    private Task<BybitReply<BybitOrderAck>> Buy(string linkId, decimal qty) => Client.PlaceOrderAsync(Venues.Market(linkId, Side.Buy, qty));

    private async Task<BybitOrder> Order(string linkId) =>
        Assert.Single((await Client.GetOrdersAsync(new BybitOrderQuery("linear") { OrderLinkId = linkId })).Result.List);
}
