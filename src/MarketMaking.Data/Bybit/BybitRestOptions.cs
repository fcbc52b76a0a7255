namespace MarketMaking.Data.Bybit;

/// <summary>How the REST client reaches Bybit and how patient it is.</summary>
public sealed record BybitRestOptions
{
    /// <summary>Mainnet, testnet or a local server.</summary>
    public Uri BaseUrl { get; init; } = BybitEndpoints.Mainnet;

    /// <summary>How long one attempt may take before it fails with a clear error (not retried).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after a rate limit (HTTP 429, retCode 10006, 10018, 10429), a server fault or a network error.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>First backoff delay when Bybit does not say when its rate limit resets; doubles per retry.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Longest wait before a retry, including a wait for a rate-limit reset.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock that rate-limit reset times are compared with, and that retries wait on.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
