using MarketMaking.Core.Errors;

namespace MarketMaking.Trading.Orders;

/// <summary>
/// Client-side rate limits per endpoint over a rolling second, kept below the venue's so the venue
/// never has to refuse us: at most N requests in any second. When the venue reports a limit
/// exhausted (Bybit's <c>X-Bapi-Limit-Status: 0</c> with a reset time) the endpoint also waits for
/// that reset. Times are nanoseconds; nothing allocates after construction.
/// </summary>
public sealed class RateLimiter
{
    private const long Second = 1_000_000_000;

    private readonly Window[] _windows;

    /// <param name="perSecond">Requests allowed per second, by endpoint (indexed by <see cref="VenueEndpoint"/>).</param>
    public RateLimiter(IReadOnlyDictionary<VenueEndpoint, int> perSecond)
    {
        ArgumentNullException.ThrowIfNull(perSecond);
        _windows = new Window[Enum.GetValues<VenueEndpoint>().Length];
        foreach (VenueEndpoint endpoint in Enum.GetValues<VenueEndpoint>())
        {
            int limit = perSecond.TryGetValue(endpoint, out int n) ? n : throw new ArgumentException($"no rate limit for {endpoint}", nameof(perSecond));
            if (limit < 1)
            {
                throw new InvalidParameterException("rate_limits", $"{endpoint}: must be at least 1 request per second, got {limit}");
            }

            _windows[(int)endpoint] = new Window(limit);
        }
    }

    /// <summary>Requests held back (a caller asked and had to wait).</summary>
    public long Throttled { get; private set; }

    public int Limit(VenueEndpoint endpoint) => _windows[(int)endpoint].Times.Length;

    /// <summary>Takes a slot at <paramref name="now"/> if one is free; otherwise counts a throttle and returns false.</summary>
    public bool TryAcquire(VenueEndpoint endpoint, long now)
    {
        Window window = _windows[(int)endpoint];
        if (AvailableAt(endpoint, now) > now)
        {
            Throttled++;
            return false;
        }

        window.Times[window.Next] = now;
        window.Next = (window.Next + 1) % window.Times.Length;
        window.Count = Math.Min(window.Count + 1, window.Times.Length);
        return true;
    }

    /// <summary>The earliest time (ns) a request to <paramref name="endpoint"/> may go: now if a slot is free.</summary>
    public long AvailableAt(VenueEndpoint endpoint, long now)
    {
        Window window = _windows[(int)endpoint];
        long at = now;
        if (window.Count == window.Times.Length)
        {
            // The oldest of the last N leaves the window one second after it was sent.
            at = Math.Max(at, window.Times[window.Next] + Second);
        }

        return Math.Max(at, window.BlockedUntil);
    }

    /// <summary>What the venue said about an endpoint's limit: with nothing remaining, wait until <paramref name="resetAt"/> (ns).</summary>
    public void OnVenueStatus(VenueEndpoint endpoint, int remaining, long resetAt)
    {
        if (remaining <= 0)
        {
            Window window = _windows[(int)endpoint];
            window.BlockedUntil = Math.Max(window.BlockedUntil, resetAt);
        }
    }

    private sealed class Window(int limit)
    {
        public long[] Times { get; } = new long[limit];

        public int Next { get; set; }

        public int Count { get; set; }

        public long BlockedUntil { get; set; }
    }
}
