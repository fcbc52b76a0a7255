using MarketMaking.Data.Bybit;
using MarketMaking.Venue.Faults;

namespace MarketMaking.Venue.Http;

/// <summary>
/// Bybit's per-endpoint limits over a rolling second (docs/v5/rate-limit/rate-limit.mdx): each
/// request (a batch: each order) takes one unit; what exceeds the limit is refused with 10006. Every
/// answer carries X-Bapi-Limit (the limit), X-Bapi-Limit-Status (what is left) and
/// X-Bapi-Limit-Reset-Timestamp (when exceeded, when the oldest request in the window leaves it;
/// otherwise now). Limits shrink while a rate_limit_squeeze fault is in force. Thread-safe.
/// </summary>
internal sealed class RateLimiter
{
    private const long Window = 1000;

    private readonly VenueRateLimits _limits;
    private readonly FaultInjector _faults;
    private readonly Dictionary<string, Queue<long>> _windows = new(StringComparer.Ordinal);

    public RateLimiter(VenueRateLimits limits, FaultInjector faults)
    {
        _limits = limits;
        _faults = faults;
        foreach (string path in limits.PerSecond.Keys)
        {
            _windows[path] = new Queue<long>();
        }
    }

    /// <summary>Takes up to <paramref name="units"/> units of <paramref name="path"/>'s limit at <paramref name="now"/> (ms); returns how many were granted and the headers to send.</summary>
    public int Take(string path, int units, long now, out BybitRateLimit headers)
    {
        int limit = _limits.For(path);
        if (limit == 0 || !_windows.TryGetValue(path, out Queue<long>? window))
        {
            headers = default;
            return units;
        }

        if (_faults.InForce(FaultKind.RateLimitSqueeze) && _faults.Rule(FaultKind.RateLimitSqueeze) is { } squeeze)
        {
            limit = Math.Max(1, (int)(limit * squeeze.Factor));
        }

        lock (window)
        {
            while (window.Count > 0 && window.Peek() <= now - Window)
            {
                window.Dequeue();
            }

            int granted = Math.Clamp(limit - window.Count, 0, units);
            for (int i = 0; i < granted; i++)
            {
                window.Enqueue(now);
            }

            int remaining = Math.Max(0, limit - window.Count);
            long reset = granted < units && window.Count > 0 ? window.Peek() + Window : now;
            headers = new BybitRateLimit(limit, remaining, reset);
            return granted;
        }
    }
}
