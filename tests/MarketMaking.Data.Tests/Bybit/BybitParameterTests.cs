using MarketMaking.Core.Errors;
using MarketMaking.Data.Bybit;

namespace MarketMaking.Data.Tests.Bybit;

public sealed class BybitParameterTests
{
    [Theory]
    [InlineData("spot", BybitCategory.Spot)]
    [InlineData("linear", BybitCategory.Linear)]
    [InlineData("inverse", BybitCategory.Inverse)]
    public void CategoryNamesRoundTrip(string name, BybitCategory category)
    {
        Assert.Equal(category, BybitCategories.Parse(name));
        Assert.Equal(name, category.ApiName());
    }

    [Fact]
    public void UnknownCategoryNamesTheOption()
    {
        var error = Assert.Throws<InvalidParameterException>(() => BybitCategories.Parse("option"));

        Assert.Equal("category", error.Parameter);
        Assert.Equal("invalid category: unknown Bybit category 'option'; known: spot, linear, inverse", error.Message);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("60", 60)]
    [InlineData("720", 720)]
    [InlineData("D", 1440)]
    [InlineData("W", 10080)]
    public void IntervalsHaveBybitNamesAndDurations(string name, int minutes)
    {
        BybitKlineInterval interval = BybitKlineInterval.Parse(name);

        Assert.Equal(name, interval.Name);
        Assert.Equal(TimeSpan.FromMinutes(minutes), interval.Duration);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("1m")]
    [InlineData("d")]
    [InlineData("")]
    public void UnknownIntervalNamesTheOption(string name)
    {
        Assert.Equal("interval", Assert.Throws<InvalidParameterException>(() => BybitKlineInterval.Parse(name)).Parameter);
    }

    [Fact]
    public void TopicsFollowBybitNames()
    {
        Assert.Equal("orderbook.1000.BTCUSDT", BybitTopics.OrderBook(1000, "BTCUSDT"));
        Assert.Equal("publicTrade.BTCUSDT", BybitTopics.Trades("BTCUSDT"));
        Assert.Equal("kline.D.BTCUSDT", BybitTopics.Kline(BybitKlineInterval.Parse("D"), "BTCUSDT"));
        Assert.Equal("depth", Assert.Throws<InvalidParameterException>(() => BybitTopics.OrderBook(25, "BTCUSDT")).Parameter);
    }

    [Fact]
    public void TheDepthsAreThoseBybitDocumentsForLinearInverseAndSpot()
    {
        // docs/v5/websocket/public/orderbook.mdx: levels 1, 50, 200 and 1000; level 500 went offline on 2025-09-30.
        Assert.Equal([1, 50, 200, 1000], BybitTopics.Depths);
        InvalidParameterException error = Assert.Throws<InvalidParameterException>(() => BybitTopics.OrderBook(500, "BTCUSDT"));
        Assert.Equal("invalid depth: Bybit publishes order books of depth 1, 50, 200, 1000, not 500", error.Message);
    }

    [Theory]
    [InlineData("https://api.bybit.com", "wss://stream.bybit.com/v5/public/linear")]
    [InlineData("https://api-testnet.bybit.com", "wss://stream-testnet.bybit.com/v5/public/linear")]
    [InlineData("http://127.0.0.1:5123", "ws://127.0.0.1:5123/v5/public/linear")]
    [InlineData("https://proxy.example:8443", "wss://proxy.example:8443/v5/public/linear")]
    public void StreamUrlFollowsTheRestBaseUrl(string rest, string stream)
    {
        Assert.Equal(new Uri(stream), BybitEndpoints.PublicStream(BybitEndpoints.StreamFor(new Uri(rest)), BybitCategory.Linear));
    }
}
