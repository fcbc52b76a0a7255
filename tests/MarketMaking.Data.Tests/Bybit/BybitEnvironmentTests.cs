using MarketMaking.Core.Errors;
using MarketMaking.Data.Bybit;

namespace MarketMaking.Data.Tests.Bybit;

/// <summary>The endpoint sets of docs/v5/guide.mdx, docs/v5/demo.mdx and docs/v5/websocket/wss-authentication.mdx.</summary>
public sealed class BybitEnvironmentTests
{
    [Theory]
    [InlineData("bybit", "https://api.bybit.com/", "wss://stream.bybit.com/v5/public/linear", "wss://stream.bybit.com/v5/private", true)]
    [InlineData("bybit-testnet", "https://api-testnet.bybit.com/", "wss://stream-testnet.bybit.com/v5/public/linear", "wss://stream-testnet.bybit.com/v5/private", true)]
    [InlineData("bybit-demo", "https://api-demo.bybit.com/", "wss://stream.bybit.com/v5/public/linear", "wss://stream-demo.bybit.com/v5/private", false)]
    public void NamedEnvironmentsHaveBybitsEndpoints(string name, string rest, string publicStream, string privateStream, bool webSocketTrading)
    {
        BybitEnvironment environment = BybitEnvironment.Parse(name);

        Assert.Equal(name, environment.Name);
        Assert.Equal(rest, environment.RestBaseUrl.ToString());
        Assert.Equal(publicStream, environment.PublicStream(BybitCategory.Linear).ToString());
        Assert.Equal(privateStream, environment.PrivateStream.ToString());
        Assert.Equal(webSocketTrading, environment.SupportsWebSocketTrading);
    }

    [Fact]
    public void LocalServesEverythingFromOneHost()
    {
        BybitEnvironment local = BybitEnvironment.Parse("local", new Uri("http://127.0.0.1:5123"));

        Assert.Equal("http://127.0.0.1:5123/", local.RestBaseUrl.ToString());
        Assert.Equal("ws://127.0.0.1:5123/v5/public/linear", local.PublicStream(BybitCategory.Linear).ToString());
        Assert.Equal("ws://127.0.0.1:5123/v5/private", local.PrivateStream.ToString());
    }

    [Fact]
    public void DemoRestHostTakesItsPublicDataFromMainnet()
    {
        Assert.Equal(BybitEndpoints.MainnetStream, BybitEndpoints.StreamFor(BybitEndpoints.Demo));
    }

    [Theory]
    [InlineData("binance", null, "venue")]
    [InlineData("local", null, "endpoint")]
    [InlineData("bybit", "http://127.0.0.1:1", "endpoint")]
    public void MistakesNameTheOption(string name, string? endpoint, string parameter)
    {
        var error = Assert.Throws<InvalidParameterException>(() => BybitEnvironment.Parse(name, endpoint is null ? null : new Uri(endpoint)));

        Assert.Equal(parameter, error.Parameter);
    }
}
