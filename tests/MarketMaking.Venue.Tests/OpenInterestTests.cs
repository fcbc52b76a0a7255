using System.Globalization;
using System.Text.Json;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Venue.Markets;

namespace MarketMaking.Venue.Tests;

/// <summary>
/// The tickers' open interest (docs/v5/market/tickers.mdx: openInterest both sides, singleOpenInterest
/// one side, values at the mark price): on the agent-based market the sum of the long positions, every
/// kind of background trader holding one account and the venue's account another; on a replay, unknown.
/// </summary>
public sealed class OpenInterestTests : QuietVenueTest
{
    [Fact]
    public async Task OpenInterestIsTheSumOfTheLongPositions()
    {
        // The quiet book is the noise traders' seeded orders, and nothing trades but the account.
        Assert.Equal((0m, 0m), await OpenInterest());

        await Client.PlaceOrderAsync(Venues.Market("buy-3", Side.Buy, 3));
        Assert.Equal((6m, 3m), await OpenInterest()); // the account long 3, the noise traders short 3

        await Client.PlaceOrderAsync(Venues.Market("sell-1", Side.Sell, 1));
        Assert.Equal((4m, 2m), await OpenInterest()); // long 2 against short 2

        await Client.PlaceOrderAsync(Venues.Market("sell-5", Side.Sell, 5));
        Assert.Equal((6m, 3m), await OpenInterest()); // the account short 3: now the noise traders are the longs

        await Client.PlaceOrderAsync(Venues.Limit("resting", Side.Sell, 101m, 4));
        Assert.Equal((6m, 3m), await OpenInterest()); // an order that rests opens nothing
        Assert.Equal(-3m, (await Venue.StateAsync()).Position);
    }

    [Fact]
    public async Task OnAReplayOpenInterestIsUnknownAndSaysSo()
    {
        MarketEvent[] book =
        [
            new(0, 0, MarketEventKind.BookLevel, Side.Buy, 100, 5, 1, EventMarkers.None),
            new(0, 0, MarketEventKind.BookLevel, Side.Sell, 101, 5, 1, EventMarkers.EndOfBatch),
        ];
        await using LocalVenue replay = await LocalVenue.StartAsync(new ReplayVenueMarket(book, new Instrument("TEST", 1, 1), new RiskAverseQueueModel()), new VenueSettings());

        using JsonDocument tickers = JsonDocument.Parse(await Http.GetAsync(replay, "/v5/market/tickers?category=linear"));
        JsonElement ticker = tickers.RootElement.GetProperty("result").GetProperty("list")[0];

        Assert.Equal(
            ("", "", "", ""),
            (ticker.GetProperty("openInterest").GetString(), ticker.GetProperty("openInterestValue").GetString(), ticker.GetProperty("singleOpenInterest").GetString(), ticker.GetProperty("singleOpenInterestValue").GetString()));
    }

    /// <summary>The ticker's openInterest and singleOpenInterest, after checking each value is its size at the ticker's mark price (to the cent).</summary>
    private async Task<(decimal Both, decimal Single)> OpenInterest()
    {
        using JsonDocument tickers = JsonDocument.Parse(await Http.GetAsync(Venue, "/v5/market/tickers?category=linear&symbol=SIMUSDT"));
        JsonElement ticker = Assert.Single(tickers.RootElement.GetProperty("result").GetProperty("list").EnumerateArray().ToList());
        decimal Field(string name) => decimal.Parse(ticker.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);
        decimal mark = Field("markPrice");
        Assert.Equal(Math.Round(Field("openInterest") * mark, 2), Field("openInterestValue"));
        Assert.Equal(Math.Round(Field("singleOpenInterest") * mark, 2), Field("singleOpenInterestValue"));
        return (Field("openInterest"), Field("singleOpenInterest"));
    }
}
