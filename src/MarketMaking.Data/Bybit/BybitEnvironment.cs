using MarketMaking.Core.Errors;

namespace MarketMaking.Data.Bybit;

/// <summary>
/// A named set of Bybit endpoints: where REST requests, public market data and the private stream
/// go. <c>bybit</c> (mainnet), <c>bybit-testnet</c>, <c>bybit-demo</c> (demo trading: its own REST
/// host and private stream, mainnet's public data, no WebSocket trading; docs/v5/demo.mdx) and
/// <c>local</c> (one host, such as <c>mm venue</c>, serving REST and both streams over http/ws).
/// </summary>
public sealed record BybitEnvironment
{
    private BybitEnvironment(string name, Uri restBaseUrl, Uri publicStreamBaseUrl, Uri privateStream, bool supportsWebSocketTrading)
    {
        Name = name;
        RestBaseUrl = restBaseUrl;
        PublicStreamBaseUrl = publicStreamBaseUrl;
        PrivateStream = privateStream;
        SupportsWebSocketTrading = supportsWebSocketTrading;
    }

    /// <summary>The names <see cref="Parse"/> knows.</summary>
    public static IReadOnlyList<string> Names { get; } = ["bybit", "bybit-testnet", "bybit-demo", "local"];

    public static BybitEnvironment Mainnet { get; } = new("bybit", BybitEndpoints.Mainnet, BybitEndpoints.MainnetStream, BybitEndpoints.PrivateStream(BybitEndpoints.MainnetStream), true);

    public static BybitEnvironment Testnet { get; } = new("bybit-testnet", BybitEndpoints.Testnet, BybitEndpoints.TestnetStream, BybitEndpoints.PrivateStream(BybitEndpoints.TestnetStream), true);

    public static BybitEnvironment Demo { get; } = new("bybit-demo", BybitEndpoints.Demo, BybitEndpoints.MainnetStream, BybitEndpoints.PrivateStream(BybitEndpoints.DemoStream), false);

    /// <summary><c>bybit</c>, <c>bybit-testnet</c>, <c>bybit-demo</c> or <c>local</c>.</summary>
    public string Name { get; }

    /// <summary>Base of every REST request (<c>https://api.bybit.com</c>).</summary>
    public Uri RestBaseUrl { get; }

    /// <summary>Host of the public streams; the category's path is appended (<see cref="PublicStream"/>).</summary>
    public Uri PublicStreamBaseUrl { get; }

    /// <summary>The private stream (<c>wss://stream.bybit.com/v5/private</c>).</summary>
    public Uri PrivateStream { get; }

    /// <summary>False for demo trading, which has no WebSocket order entry.</summary>
    public bool SupportsWebSocketTrading { get; }

    /// <summary>WebSocket order entry (<c>wss://stream.bybit.com/v5/trade</c>); null where there is none (demo trading).</summary>
    public Uri? TradeStream => SupportsWebSocketTrading ? BybitEndpoints.TradeStream(PublicStreamBaseUrl) : null;

    /// <summary>A local exchange at <paramref name="baseUrl"/> (http or https): the same host serves REST and both streams (ws or wss).</summary>
    public static BybitEnvironment Local(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidParameterException("endpoint", $"a local venue is reached over http or https, not '{baseUrl}'");
        }

        Uri stream = BybitEndpoints.StreamFor(baseUrl);
        return new BybitEnvironment("local", baseUrl, stream, BybitEndpoints.PrivateStream(stream), true);
    }

    /// <summary>
    /// The environment called <paramref name="name"/>; <c>local</c> needs <paramref name="endpoint"/>
    /// (the venue's URL), which the others refuse. An unknown name is an <see cref="InvalidParameterException"/> naming <c>venue</c>.
    /// </summary>
    public static BybitEnvironment Parse(string name, Uri? endpoint = null)
    {
        BybitEnvironment? known = name switch
        {
            "bybit" => Mainnet,
            "bybit-testnet" => Testnet,
            "bybit-demo" => Demo,
            "local" => null,
            _ => throw new InvalidParameterException("venue", $"unknown venue '{name}'; known: {string.Join(", ", Names)}"),
        };
        if (known is null)
        {
            return Local(endpoint ?? throw new InvalidParameterException("endpoint", "the local venue needs its URL (--endpoint http://127.0.0.1:PORT)"));
        }

        return endpoint is null ? known : throw new InvalidParameterException("endpoint", $"{name} has fixed endpoints; --endpoint is for the local venue only");
    }

    /// <summary>The public stream of a category: <c>{stream host}/v5/public/{category}</c>.</summary>
    public Uri PublicStream(BybitCategory category) => BybitEndpoints.PublicStream(PublicStreamBaseUrl, category);
}
