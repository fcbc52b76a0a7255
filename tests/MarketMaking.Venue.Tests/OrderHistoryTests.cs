using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;
using MarketMaking.Data.Bybit.Trading;
using MarketMaking.Venue.Exchange;

namespace MarketMaking.Venue.Tests;

/// <summary>GET /v5/order/history on a quiet market: every order newest first, Bybit's filters, paging, window and retention.</summary>
public sealed class OrderHistoryTests : QuietVenueTest
{
    private const long Day = 86_400_000;

    [Fact]
    public async Task TheHistoryListsEveryOrderNewestFirstAndFiltersAsAsked()
    {
        await Client.PlaceOrderAsync(Venues.Limit("h-1", Side.Buy, 95m, 1));
        await Client.CancelOrderAsync(new BybitCancelRequest { Category = "linear", Symbol = "SIMUSDT", OrderLinkId = "h-1" });
        await Client.PlaceOrderAsync(Venues.Market("h-2", Side.Buy, 1));
        await Client.PlaceOrderAsync(Venues.Limit("h-3", Side.Buy, 95m, 2));

        List<BybitOrder> all = await ReadAsync(new BybitOrderHistoryQuery("linear", "SIMUSDT") { Limit = 1 }); // one page per order
        Assert.Equal(["h-3", "h-2", "h-1"], all.Select(o => o.OrderLinkId));
        Assert.Equal([BybitOrderStatus.New, BybitOrderStatus.Filled, BybitOrderStatus.Cancelled], all.Select(o => o.OrderStatus));
        Assert.Equal([0m, 1m, 0m], all.Select(o => o.CumExecQty));
        Assert.Equal(["h-3", "h-2", "h-1"], (await ReadAsync(new BybitOrderHistoryQuery("linear"))).Select(o => o.OrderLinkId)); // every symbol
        Assert.Equal(["h-1"], (await ReadAsync(new BybitOrderHistoryQuery("linear", "SIMUSDT") { OrderStatus = BybitOrderStatus.Cancelled })).Select(o => o.OrderLinkId));
        Assert.Equal(["h-2"], (await ReadAsync(new BybitOrderHistoryQuery("linear") { OrderLinkId = "h-2" })).Select(o => o.OrderLinkId));

        long now = (await Client.GetServerTimeAsync()).TimeNano / 1_000_000;
        Assert.Empty(await ReadAsync(new BybitOrderHistoryQuery("linear", "SIMUSDT") { StartTime = now + 60_000 }));
        Assert.Equal(3, (await ReadAsync(new BybitOrderHistoryQuery("linear", "SIMUSDT") { EndTime = now + 60_000 })).Count);
        BybitApiException tooLong = await Assert.ThrowsAsync<BybitApiException>(() => Client.GetOrderHistoryAsync(new BybitOrderHistoryQuery("linear", "SIMUSDT") { StartTime = now - (8 * Day), EndTime = now }));
        Assert.Equal(10001, tooLong.Code);
        Assert.Equal(10001, (await Assert.ThrowsAsync<BybitApiException>(() => Client.GetOrderHistoryAsync(new BybitOrderHistoryQuery("spot", "SIMUSDT")))).Code);
    }

    [Fact]
    public void ClosedWithoutTradingIsKeptADayFilledOrOpenAWeekTradedLonger()
    {
        const long now = 30 * Day;
        Assert.True(AccountRequests.Kept(Order(BybitOrderStatus.Cancelled, 0, created: now - (23 * 3_600_000)), now));
        Assert.False(AccountRequests.Kept(Order(BybitOrderStatus.Cancelled, 0, created: now - (25 * 3_600_000)), now));
        Assert.False(AccountRequests.Kept(Order(BybitOrderStatus.Rejected, 0, created: now - (2 * Day)), now));
        Assert.True(AccountRequests.Kept(Order(BybitOrderStatus.Cancelled, 3, created: now - (3 * Day)), now)); // partly filled, then cancelled
        Assert.True(AccountRequests.Kept(Order(BybitOrderStatus.Filled, 5, created: now - (20 * Day)), now));
        Assert.True(AccountRequests.Kept(Order(BybitOrderStatus.New, 0, created: now - (6 * Day)), now));
        Assert.False(AccountRequests.Kept(Order(BybitOrderStatus.New, 0, created: now - (8 * Day)), now));
    }

    private async Task<List<BybitOrder>> ReadAsync(BybitOrderHistoryQuery query)
    {
        var orders = new List<BybitOrder>();
        await foreach (BybitOrder order in Client.ReadOrderHistoryAsync(query))
        {
            orders.Add(order);
        }

        return orders;
    }

    private static VenueOrder Order(BybitOrderStatus status, long filledLots, long created) => new()
    {
        OrderId = "o",
        OrderLinkId = "l",
        Side = Side.Buy,
        Type = BybitOrderType.Limit,
        TimeInForce = BybitTimeInForce.GoodTillCancel,
        Status = status,
        FilledLots = filledLots,
        QtyLots = Math.Max(filledLots, 5),
        CreatedTime = created,
        UpdatedTime = created,
    };
}
