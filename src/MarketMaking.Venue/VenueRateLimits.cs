namespace MarketMaking.Venue;

/// <summary>
/// Requests allowed per endpoint in any rolling second (per account, as Bybit counts them). The
/// defaults are Bybit's published linear limits for UTA 2.0 Pro (docs/v5/rate-limit/rate-limit.mdx):
/// 10/s to create, amend, cancel, cancel all and batch-create (a batch counts its orders), 50/s for
/// open orders, order history, executions, positions and the wallet.
/// </summary>
public sealed record VenueRateLimits
{
    public static IReadOnlyDictionary<string, int> BybitDefaults { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["/v5/order/create"] = 10,
        ["/v5/order/amend"] = 10,
        ["/v5/order/cancel"] = 10,
        ["/v5/order/cancel-all"] = 10,
        ["/v5/order/create-batch"] = 10,
        ["/v5/order/realtime"] = 50,
        ["/v5/order/history"] = 50,
        ["/v5/execution/list"] = 50,
        ["/v5/position/list"] = 50,
        ["/v5/account/wallet-balance"] = 50,
    };

    /// <summary>Requests per rolling second by path.</summary>
    public IReadOnlyDictionary<string, int> PerSecond { get; init; } = BybitDefaults;

    /// <summary>Every limit is multiplied by this (rounded, at least 1); 0 switches rate limiting off.</summary>
    public double Scale { get; init; } = 1;

    /// <summary>The limit of a path (0: not limited).</summary>
    public int For(string path) =>
        Scale > 0 && PerSecond.TryGetValue(path, out int limit) ? Math.Max(1, (int)Math.Round(limit * Scale)) : 0;
}
