using MarketMaking.Core.Errors;

namespace MarketMaking.Trading.Orders;

/// <summary>
/// Client-side rate limits per endpoint over a rolling second, kept below the venue's so the venue
/// never has to refuse us: at most N requests in any second. When the venue reports a limit
/// exhausted (Bybit's <c>X-Bapi-Limit-Status: 0</c> with a reset time) the endpoint also waits for
/// that reset. Once the venue reports its limit (<c>X-Bapi-Limit</c>), the endpoint keeps to at most
/// four fifths of it (at least one a second), as N = 8 does of Bybit's usual 10: a limit the venue
/// lowers (a squeeze, another account tier) lowers ours until it reports it higher again. Until the
/// venue has answered an endpoint once, its requests go one at a time, so the first answer tells the
/// limit before a burst can break it. Times are nanoseconds; nothing allocates after construction.
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

    /// <summary>Requests allowed in any second now: the configured limit, or less while the venue reports a lower one.</summary>
    public int Limit(VenueEndpoint endpoint) => _windows[(int)endpoint].Effective;

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
        if (!window.Answered && window.Count > 0)
        {
            return long.MaxValue; // the first request is still out: its answer tells the limit
        }

        long at = now;
        int limit = window.Effective;
        if (window.Count >= limit)
        {
            // The oldest of the last `limit` sent leaves the window one second after it went.
            int oldest = (window.Next - limit + window.Times.Length) % window.Times.Length;
            at = Math.Max(at, window.Times[oldest] + Second);
        }

        return Math.Max(at, window.BlockedUntil);
    }

    /// <summary>
    /// The venue answered a request to the endpoint, saying what is <paramref name="remaining"/> of its
    /// limit (−1 when it did not say): with nothing remaining, wait until <paramref name="resetAt"/> (ns);
    /// with its <paramref name="limit"/> (requests a second; −1 when not said), keep to at most four fifths of it.
    /// </summary>
    public void OnVenueStatus(VenueEndpoint endpoint, int remaining, long resetAt, int limit = -1)
    {
        Window window = _windows[(int)endpoint];
        window.Answered = true;
        if (remaining == 0)
        {
            window.BlockedUntil = Math.Max(window.BlockedUntil, resetAt);
        }

        if (limit > 0)
        {
            window.Effective = Math.Clamp(limit * 4 / 5, 1, window.Times.Length);
        }
    }

    private sealed class Window(int limit)
    {
        public long[] Times { get; } = new long[limit];

        public int Next { get; set; }

        public int Count { get; set; }

        /// <summary>The venue has answered a request to the endpoint (until then, one goes at a time).</summary>
        public bool Answered { get; set; }

        /// <summary>The limit kept to now: at most the configured one (the ring's length).</summary>
        public int Effective { get; set; } = limit;

        public long BlockedUntil { get; set; }
    }
}
