using MarketMaking.Core.Instruments;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;

namespace MarketMaking.Venue.Tests;

/// <summary>The toolkit's public REST client, unchanged, against the venue on the quiet market.</summary>
public sealed class PublicRestTests : QuietVenueTest
{
    [Fact]
    public async Task TheClientReadsTheInstrumentTheSeededBookAndTheClock()
    {
        using var rest = new BybitRestClient(new BybitRestOptions { BaseUrl = Venue.Url });

        Instrument instrument = await rest.GetInstrumentAsync(BybitCategory.Linear, "SIMUSDT");
        BybitOrderBookSnapshot book = await rest.GetOrderBookAsync(BybitCategory.Linear, "SIMUSDT", 50);
        long serverTime = await rest.GetServerTimeAsync();

        Assert.Equal(("SIMUSDT", 0.01, 1.0), (instrument.Symbol, instrument.TickSize, instrument.LotSize));
        // The agent-based market seeds a level a tick apart on each of 20 ticks either side of 100.00.
        Assert.Equal(Enumerable.Range(1, 20).Select(k => 100m - (k * 0.01m)), book.Bids.Select(l => l.Price));
        Assert.Equal(Enumerable.Range(1, 20).Select(k => 100m + (k * 0.01m)), book.Asks.Select(l => l.Price));
        Assert.All(book.Bids.Concat(book.Asks), l => Assert.True(l.Size >= 1));
        Assert.InRange((serverTime / 1e9) - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1e3, -2, 2);
    }

    [Fact]
    public async Task TradesAndBarsIncludeTheAccountsOwnTrades()
    {
        using var rest = new BybitRestClient(new BybitRestOptions { BaseUrl = Venue.Url });
        DateTimeOffset start = DateTimeOffset.UtcNow.AddMinutes(-2);

        await Client.PlaceOrderAsync(Venues.Market("taker", Side.Buy, 1));
        IReadOnlyList<BybitTrade> trades = await rest.GetRecentTradesAsync(BybitCategory.Linear, "SIMUSDT", 10);
        var bars = new List<BybitKline>();
        await foreach (BybitKline bar in rest.GetKlinesAsync(BybitCategory.Linear, "SIMUSDT", BybitKlineInterval.Parse("1"), start, DateTimeOffset.UtcNow.AddMinutes(1)))
        {
            bars.Add(bar);
        }

        BybitTrade trade = Assert.Single(trades);
        Assert.Equal((Side.Buy, 100.01m, 1m), (trade.Side, trade.Price, trade.Size));
        BybitKline minute = Assert.Single(bars);
        Assert.Equal((100.01m, 100.01m, 100.01m, 100.01m, 1m, 100.01m), (minute.Open, minute.High, minute.Low, minute.Close, minute.Volume, minute.Turnover));
    }
}
