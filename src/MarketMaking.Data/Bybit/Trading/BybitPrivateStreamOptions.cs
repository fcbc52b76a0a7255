namespace MarketMaking.Data.Bybit.Trading;

/// <summary>Where the private stream connects, what it subscribes to, and how it keeps alive and recovers.</summary>
public sealed record BybitPrivateStreamOptions
{
    /// <summary>The private stream's URL (<see cref="BybitEnvironment.PrivateStream"/>).</summary>
    public Uri Url { get; init; } = BybitEnvironment.Mainnet.PrivateStream;

    /// <summary>The all-in-one topics (docs/v5/websocket/private/*.mdx).</summary>
    public IReadOnlyList<string> Topics { get; init; } = ["order", "execution", "position", "wallet"];

    /// <summary>How far in the future the auth request's <c>expires</c> lies.</summary>
    public TimeSpan AuthExpiry { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Server time minus local time, added to <c>expires</c> (the trading client's <see cref="BybitTradingClient.ClockOffset"/>).</summary>
    public TimeSpan ClockOffset { get; init; }

    /// <summary>
    /// Pings (every 20 s, as Bybit recommends), receive and connect timeouts, reconnect backoff and
    /// the clock, as for the public stream; its <see cref="BybitFeedOptions.BaseUrl"/> is not used.
    /// </summary>
    public BybitFeedOptions Connection { get; init; } = new();
}
