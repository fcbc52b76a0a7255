using System.Text.Json;
using MarketMaking.Core.Books;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;

namespace MarketMaking.Venue.Tests;

/// <summary>
/// The depths Bybit documents for linear (docs/v5/websocket/public/orderbook.mdx: the stream's levels 1, 50,
/// 200 and 1000; docs/v5/market/orderbook.mdx: REST limit 1 to 1000) on a book deeper than 200 levels.
/// </summary>
public sealed class OrderBookDepthTests : QuietVenueTest
{
    private static readonly Instrument Sim = new("SIMUSDT", 0.01, 1);

    [Fact]
    public async Task TheThousandLevelBookShowsTheLevelsBeyondTwoHundred()
    {
        // The quiet book's 20 bids (99.80 to 99.99) and 190 more of the account's, 97.00 to 98.89: 210 bid levels.
        for (int k = 0; k < 190; k++)
        {
            await Client.PlaceOrderAsync(Venues.Limit($"deep-{k}", Side.Buy, 97m + (k * 0.01m)));
        }

        using var rest = new BybitRestClient(new BybitRestOptions { BaseUrl = Venue.Url });
        BybitOrderBookSnapshot cut = await rest.GetOrderBookAsync(BybitCategory.Linear, "SIMUSDT", 200);
        BybitOrderBookSnapshot deep = await rest.GetOrderBookAsync(BybitCategory.Linear, "SIMUSDT", 1000);
        Assert.Equal((200, 97.10m), (cut.Bids.Count, cut.Bids[^1].Price));
        Assert.Equal((210, 97.00m, 20), (deep.Bids.Count, deep.Bids[^1].Price, deep.Asks.Count));

        using JsonDocument refused = JsonDocument.Parse(await Http.GetAsync(Venue, "/v5/market/orderbook?category=linear&symbol=SIMUSDT&limit=1001"));
        Assert.Equal((10001, "params error: limit must be 1 to 1000"), (refused.RootElement.GetProperty("retCode").GetInt32(), refused.RootElement.GetProperty("retMsg").GetString()));

        // The toolkit's feed subscribes to orderbook.1000 (BybitTopics accepts it) and rebuilds all 210 levels from its snapshot.
        var feed = new BybitMarketFeed(BybitCategory.Linear, Sim, [BybitTopics.OrderBook(1000, "SIMUSDT")], new BybitFeedOptions { BaseUrl = Venue.Environment.PublicStreamBaseUrl });
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        BybitFeedMessage? snapshot = null;
        await foreach (BybitFeedMessage message in feed.ReadAsync(stop.Token))
        {
            if (message.Kind == BybitFeedMessageKind.OrderBook)
            {
                snapshot = message;
                break;
            }
        }

        Assert.NotNull(snapshot);
        Assert.True(snapshot.IsSnapshot);
        Assert.Equal("orderbook.1000.SIMUSDT", snapshot.Topic);
        var book = new OrderBook();
        foreach (MarketEvent e in snapshot.Events)
        {
            book.Apply(in e);
        }

        Assert.Equal((210, 20), (book.LevelCount(Side.Buy), book.LevelCount(Side.Sell)));
        Assert.Equal(9700, book.Level(Side.Buy, 209).Price);
    }
}
