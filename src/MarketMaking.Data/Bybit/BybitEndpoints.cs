namespace MarketMaking.Data.Bybit;

/// <summary>Where Bybit's REST API and its public and private streams live (docs/v5/guide.mdx, docs/v5/demo.mdx, docs/v5/websocket/wss-authentication.mdx).</summary>
public static class BybitEndpoints
{
    public static Uri Mainnet { get; } = new("https://api.bybit.com");

    public static Uri Testnet { get; } = new("https://api-testnet.bybit.com");

    /// <summary>Demo trading's REST host; its market data is mainnet's.</summary>
    public static Uri Demo { get; } = new("https://api-demo.bybit.com");

    public static Uri MainnetStream { get; } = new("wss://stream.bybit.com");

    public static Uri TestnetStream { get; } = new("wss://stream-testnet.bybit.com");

    /// <summary>Demo trading's stream host: private streams only (public data comes from <see cref="MainnetStream"/>).</summary>
    public static Uri DemoStream { get; } = new("wss://stream-demo.bybit.com");

    /// <summary>
    /// The public stream host that goes with a REST base URL: Bybit's own hosts map to their stream
    /// hosts (demo trading's to mainnet's, where its public data lives); any other host (a local
    /// server) serves both, over ws:// for http:// and wss:// for https://.
    /// </summary>
    public static Uri StreamFor(Uri restBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(restBaseUrl);
        if (restBaseUrl.Host == Mainnet.Host || restBaseUrl.Host == Demo.Host)
        {
            return MainnetStream;
        }

        if (restBaseUrl.Host == Testnet.Host)
        {
            return TestnetStream;
        }

        var builder = new UriBuilder(restBaseUrl) { Scheme = restBaseUrl.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" };
        return builder.Uri;
    }

    /// <summary>The public stream of a category: <c>{base}/v5/public/{category}</c>.</summary>
    public static Uri PublicStream(Uri streamBaseUrl, BybitCategory category)
    {
        ArgumentNullException.ThrowIfNull(streamBaseUrl);
        return new Uri(streamBaseUrl, $"/v5/public/{category.ApiName()}");
    }

    /// <summary>The private stream on a stream host: <c>{base}/v5/private</c>.</summary>
    public static Uri PrivateStream(Uri streamBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(streamBaseUrl);
        return new Uri(streamBaseUrl, "/v5/private");
    }

    /// <summary>WebSocket order entry on a stream host: <c>{base}/v5/trade</c> (docs/v5/websocket/trade/guideline.mdx).</summary>
    public static Uri TradeStream(Uri streamBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(streamBaseUrl);
        return new Uri(streamBaseUrl, "/v5/trade");
    }
}
