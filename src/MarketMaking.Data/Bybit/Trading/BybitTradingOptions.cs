namespace MarketMaking.Data.Bybit.Trading;

/// <summary>Where the trading client sends its signed requests and how long it waits.</summary>
public sealed record BybitTradingOptions
{
    /// <summary>Mainnet, testnet, demo or a local venue.</summary>
    public BybitEnvironment Environment { get; init; } = BybitEnvironment.Mainnet;

    /// <summary>
    /// <c>X-BAPI-RECV-WINDOW</c>: how long after its timestamp a request is still valid (Bybit's
    /// default 5 s). Bybit refuses a request stamped outside [server − window, server + 1 s) with 10002.
    /// </summary>
    public TimeSpan RecvWindow { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for an answer before giving up with a <see cref="BybitTimeoutException"/> (outcome unknown).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The local clock; timestamps are its time plus the client's clock offset.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
