using MarketMaking.Core.Instruments;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;
using MarketMaking.Data.Bybit.Trading;

namespace MarketMaking.Venue.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task OrdersGoInAndComeOut()
    {
        await using LocalVenue venue = await Venues.StartAsync(Venues.Quiet);
        using BybitTradingClient client = Venues.Client(venue);
        using var rest = new BybitRestClient(new BybitRestOptions { BaseUrl = venue.Url });

        Instrument instrument = await rest.GetInstrumentAsync(BybitCategory.Linear, "SIMUSDT");
        Assert.Equal((0.01, 1.0), (instrument.TickSize, instrument.LotSize));
        BybitOrderBookSnapshot book = await rest.GetOrderBookAsync(BybitCategory.Linear, "SIMUSDT", 5);
        Assert.Equal(99.99m, book.Bids[0].Price);

        BybitReply<BybitOrderAck> placed = await client.PlaceOrderAsync(new BybitOrderRequest { Category = "linear", Symbol = "SIMUSDT", Side = Side.Buy, OrderType = BybitOrderType.Limit, Qty = 2, Price = 99.50m, OrderLinkId = "smoke-1" });
        Assert.Equal("smoke-1", placed.Result.OrderLinkId);
        BybitOrder open = Assert.Single((await client.GetOrdersAsync(new BybitOrderQuery("linear", "SIMUSDT"))).Result.List);
        Assert.Equal((BybitOrderStatus.New, 99.50m, 2m), (open.OrderStatus, open.Price, open.Qty));
        await client.CancelOrderAsync(new BybitCancelRequest { Category = "linear", Symbol = "SIMUSDT", OrderLinkId = "smoke-1" });
        Assert.Empty((await client.GetOrdersAsync(new BybitOrderQuery("linear", "SIMUSDT"))).Result.List);
        BybitWallet wallet = Assert.Single((await client.GetWalletBalanceAsync()).Result.List);
        Assert.Equal(100_000m, wallet.TotalWalletBalance);
    }
}
