using System.Globalization;
using System.Net.Http.Headers;

namespace MarketMaking.Data.Bybit;

/// <summary>
/// The rate-limit headers of one answer (docs/v5/rate-limit/rate-limit.mdx): the endpoint's limit
/// per rolling second (<c>X-Bapi-Limit</c>), the requests left (<c>X-Bapi-Limit-Status</c>) and,
/// once exceeded, when it resets (<c>X-Bapi-Limit-Reset-Timestamp</c>, ms; otherwise about now).
/// All zero when the answer carried none (public endpoints).
/// </summary>
public readonly record struct BybitRateLimit(int Limit, int Remaining, long ResetTimestamp)
{
    public const string LimitHeader = "X-Bapi-Limit";

    public const string RemainingHeader = "X-Bapi-Limit-Status";

    public const string ResetHeader = "X-Bapi-Limit-Reset-Timestamp";

    /// <summary>True when the answer carried the headers.</summary>
    public bool IsKnown => Limit > 0;

    /// <summary>Reads the three headers; missing or unreadable ones are zero.</summary>
    public static BybitRateLimit From(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return new BybitRateLimit((int)Header(headers, LimitHeader), (int)Header(headers, RemainingHeader), Header(headers, ResetHeader));
    }

    private static long Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out IEnumerable<string>? values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)
            ? value
            : 0;
}
