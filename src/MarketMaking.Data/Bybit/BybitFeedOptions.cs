namespace MarketMaking.Data.Bybit;

/// <summary>How the public stream connects, keeps alive and recovers.</summary>
public sealed record BybitFeedOptions
{
    /// <summary>Stream host; the category's path (<c>/v5/public/linear</c>) is appended.</summary>
    public Uri BaseUrl { get; init; } = BybitEndpoints.MainnetStream;

    /// <summary>Bybit drops a connection that has not pinged for a while; it recommends a ping every 20 s.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Silence after which the connection is taken for dead and replaced (pongs count as traffic).</summary>
    public TimeSpan ReceiveTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First reconnect delay; doubles with each consecutive failure up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(0.5);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Consecutive failed connections before giving up; a recorder should outlive an outage, so unlimited by default.</summary>
    public int MaxReconnectAttempts { get; init; } = int.MaxValue;

    /// <summary>After a resubscription, how long to wait for the fresh snapshot before reconnecting instead.</summary>
    public TimeSpan ResyncTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether each data message keeps its text in <see cref="BybitFeedMessage.Raw"/> (a recorder needs it),
    /// and each private update in <see cref="Trading.BybitPrivateMessage.Raw"/>.
    /// Without it a message is decoded straight from the socket's bytes and never becomes a string.
    /// </summary>
    public bool KeepRaw { get; init; } = true;

    /// <summary>The clock that stamps local receive times.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
