namespace MarketMaking.Data.Bybit;

/// <summary>Where Bybit's REST API and public streams live.</summary>
public static class BybitEndpoints
{
    public static Uri Mainnet { get; } = new("https://api.bybit.com");

    public static Uri Testnet { get; } = new("https://api-testnet.bybit.com");

    public static Uri MainnetStream { get; } = new("wss://stream.bybit.com");

    public static Uri TestnetStream { get; } = new("wss://stream-testnet.bybit.com");

    /// <summary>
    /// The stream host that goes with a REST base URL: Bybit's own hosts map to their stream hosts;
    /// any other host (a local test server) serves both, over ws:// for http:// and wss:// for https://.
    /// </summary>
    public static Uri StreamFor(Uri restBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(restBaseUrl);
        if (restBaseUrl.Host == Mainnet.Host)
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
}
