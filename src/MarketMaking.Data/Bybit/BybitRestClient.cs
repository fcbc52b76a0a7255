using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MarketMaking.Data.Bybit;

/// <summary>
/// Bybit V5 public market data over REST. Rate limits (HTTP 429 and Bybit's rate-limit retCodes),
/// server faults and network errors are retried with backoff, waiting for the rate-limit reset
/// when Bybit says when it is; any other retCode is a <see cref="BybitApiException"/>; an attempt
/// slower than the timeout is a <see cref="BybitConnectionException"/>.
/// </summary>
public sealed class BybitRestClient : IDisposable
{
    /// <summary>The most klines Bybit returns per request.</summary>
    public const int KlinePageLimit = 1000;

    // 10006: per-UID limit; 10018: per-IP limit; 10429: system-level frequency protection.
    private static readonly int[] RateLimitCodes = [10006, 10018, 10429];

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly BybitRestOptions _options;
    private readonly ResiliencePipeline _pipeline;

    /// <param name="httpClient">Optional shared client; when null the client makes (and disposes) its own.</param>
    public BybitRestClient(BybitRestOptions? options = null, HttpClient? httpClient = null)
    {
        _options = options ?? new BybitRestOptions();
        _ownsHttp = httpClient is null;
        // The pipeline owns timeouts, so a client made here has no timeout of its own.
        _http = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = _options.TimeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<BybitRetryableException>().Handle<HttpRequestException>(),
                MaxRetryAttempts = _options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryDelay,
                MaxDelay = _options.MaxRetryDelay,
                DelayGenerator = args => ValueTask.FromResult(UntilReset(args.Outcome.Exception)),
            })
            .AddTimeout(_options.Timeout)
            .Build();
    }

    /// <summary>
    /// Klines whose start lies in [<paramref name="start"/>, <paramref name="end"/>], oldest first, each once.
    /// Bybit returns at most 1000 bars per request, newest first, so the range is walked forward in
    /// windows of 1000 bars and each window is paged backwards until it is complete; only one window
    /// is held in memory.
    /// </summary>
    /// <param name="progress">Share of the range downloaded so far, 0 to 1.</param>
    public async IAsyncEnumerable<BybitKline> GetKlinesAsync(
        BybitCategory category,
        string symbol,
        BybitKlineInterval interval,
        DateTimeOffset start,
        DateTimeOffset end,
        IProgress<double>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long first = start.ToUnixTimeMilliseconds();
        long last = end.ToUnixTimeMilliseconds();
        long window = (long)(interval.Duration.TotalMilliseconds * KlinePageLimit);
        long emitted = long.MinValue;
        var bars = new List<BybitKline>();
        for (long windowStart = first; windowStart <= last; windowStart += window)
        {
            long windowEnd = Math.Min(last, windowStart + window - 1);
            bars.Clear();
            long pageEnd = windowEnd;
            while (true)
            {
                List<BybitKline> page = await GetAsync(
                    "/v5/market/kline",
                    $"category={category.ApiName()}&symbol={Escape(symbol)}&interval={interval.Name}&start={windowStart}&end={pageEnd}&limit={KlinePageLimit}",
                    ReadKlines,
                    cancellationToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    break;
                }

                bars.AddRange(page);
                long oldest = page.Min(k => k.StartTime) / BybitJson.NanosPerMilli;
                // Stop at the window's start, or when a server ignoring `end` would make us loop.
                if (oldest <= windowStart || oldest > pageEnd)
                {
                    break;
                }

                pageEnd = oldest - 1;
            }

            bars.Sort((a, b) => a.StartTime.CompareTo(b.StartTime));
            foreach (BybitKline bar in bars)
            {
                long barStart = bar.StartTime / BybitJson.NanosPerMilli;
                if (barStart > emitted && barStart >= windowStart && barStart <= windowEnd)
                {
                    emitted = barStart;
                    yield return bar;
                }
            }

            progress?.Report(last > first ? Math.Min(1, (double)(windowEnd - first + 1) / (last - first + 1)) : 1);
        }
    }

    /// <summary>The order book, <paramref name="limit"/> levels per side (Bybit's default when null).</summary>
    public Task<BybitOrderBookSnapshot> GetOrderBookAsync(BybitCategory category, string symbol, int? limit = null, CancellationToken cancellationToken = default) =>
        GetAsync("/v5/market/orderbook", $"category={category.ApiName()}&symbol={Escape(symbol)}{Limit(limit)}", ReadOrderBook, cancellationToken);

    /// <summary>The most recent public trades, newest first as Bybit sends them.</summary>
    public async Task<IReadOnlyList<BybitTrade>> GetRecentTradesAsync(BybitCategory category, string symbol, int? limit = null, CancellationToken cancellationToken = default) =>
        await GetAsync("/v5/market/recent-trade", $"category={category.ApiName()}&symbol={Escape(symbol)}{Limit(limit)}", ReadTrades, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The instrument's price and quantity grids: tick size from <c>priceFilter.tickSize</c>, lot size from
    /// <c>lotSizeFilter.qtyStep</c> (derivatives) or <c>lotSizeFilter.basePrecision</c> (spot, which has no qtyStep).
    /// </summary>
    /// <exception cref="InvalidParameterException">Bybit lists no such symbol in the category.</exception>
    public Task<Instrument> GetInstrumentAsync(BybitCategory category, string symbol, CancellationToken cancellationToken = default)
    {
        const string path = "/v5/market/instruments-info";
        return GetAsync(path, $"category={category.ApiName()}&symbol={Escape(symbol)}", result =>
        {
            foreach (JsonElement item in result.GetProperty("list").EnumerateArray())
            {
                if (item.GetProperty("symbol").GetString() == symbol)
                {
                    JsonElement lots = item.GetProperty("lotSizeFilter");
                    JsonElement step = lots.TryGetProperty("qtyStep", out JsonElement qtyStep) ? qtyStep : lots.GetProperty("basePrecision");
                    return new Instrument(symbol, BybitJson.Double(item.GetProperty("priceFilter").GetProperty("tickSize")), BybitJson.Double(step));
                }
            }

            // Bybit answered; the symbol is the user's mistake (a usage error), not the exchange's failure.
            throw new InvalidParameterException("symbol", $"Bybit lists no instrument {symbol} in category {category.ApiName()}");
        }, cancellationToken);
    }

    /// <summary>Bybit's clock, ns since the Unix epoch.</summary>
    public Task<long> GetServerTimeAsync(CancellationToken cancellationToken = default) =>
        GetAsync("/v5/market/time", "", result => BybitJson.Long(result.GetProperty("timeNano")), cancellationToken);

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<T> GetAsync<T>(string path, string query, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        string request = $"GET {path}";
        var uri = new Uri(_options.BaseUrl, query.Length > 0 ? $"{path}?{query}" : path);
        try
        {
            return await _pipeline.ExecuteAsync(
                async token =>
                {
                    using HttpResponseMessage response = await _http.GetAsync(uri, token).ConfigureAwait(false);
                    string body = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
                    return Interpret(request, response, body, read);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException e)
        {
            throw new BybitConnectionException(request, $"timed out: no response within {Seconds(_options.Timeout)} s", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // A caller's HttpClient timing out on its own.
            throw new BybitConnectionException(request, "timed out", e);
        }
        catch (BybitRetryableException e)
        {
            throw e.ToApiException();
        }
        catch (HttpRequestException e)
        {
            throw new BybitConnectionException(request, $"cannot reach {_options.BaseUrl}: {e.Message}", e);
        }
    }

    private static T Interpret<T>(string request, HttpResponseMessage response, string body, Func<JsonElement, T> read)
    {
        int status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500)
        {
            throw new BybitRetryableException(request, status, $"HTTP {status} {response.ReasonPhrase}", ResetTime(response));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw response.IsSuccessStatusCode
                ? new BybitConnectionException(request, $"the response is not JSON: {e.Message}", e)
                : new BybitApiException(request, status, $"HTTP {status} {response.ReasonPhrase}");
        }

        using (document)
        {
            try
            {
                JsonElement root = document.RootElement;
                int code = root.GetProperty("retCode").GetInt32();
                string message = root.TryGetProperty("retMsg", out JsonElement retMsg) ? retMsg.GetString() ?? "" : "";
                if (Array.IndexOf(RateLimitCodes, code) >= 0)
                {
                    throw new BybitRetryableException(request, code, message, ResetTime(response));
                }

                if (code != 0)
                {
                    throw new BybitApiException(request, code, message);
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new BybitApiException(request, status, $"HTTP {status} {response.ReasonPhrase}");
                }

                return read(root.GetProperty("result"));
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or OverflowException or IndexOutOfRangeException)
            {
                throw new BybitConnectionException(request, $"unexpected response: {e.Message}", e);
            }
        }
    }

    private TimeSpan? UntilReset(Exception? exception)
    {
        if (exception is BybitRetryableException { ResetAt: { } reset })
        {
            TimeSpan wait = reset - _options.TimeProvider.GetUtcNow();
            // A reset already past (clock skew) falls back to the backoff rather than hammering.
            return wait > TimeSpan.Zero ? (wait < _options.MaxRetryDelay ? wait : _options.MaxRetryDelay) : null;
        }

        return null;
    }

    private static DateTimeOffset? ResetTime(HttpResponseMessage response) =>
        BybitRateLimit.From(response.Headers).ResetTimestamp is > 0 and var millis ? DateTimeOffset.FromUnixTimeMilliseconds(millis) : null;

    private static List<BybitKline> ReadKlines(JsonElement result)
    {
        var bars = new List<BybitKline>();
        foreach (JsonElement row in result.GetProperty("list").EnumerateArray())
        {
            bars.Add(new BybitKline(
                BybitJson.Long(row[0]) * BybitJson.NanosPerMilli,
                BybitJson.Decimal(row[1]),
                BybitJson.Decimal(row[2]),
                BybitJson.Decimal(row[3]),
                BybitJson.Decimal(row[4]),
                BybitJson.Decimal(row[5]),
                BybitJson.Decimal(row[6])));
        }

        return bars;
    }

    private static BybitOrderBookSnapshot ReadOrderBook(JsonElement result) => new(
        result.GetProperty("s").GetString()!,
        BybitJson.Levels(result.GetProperty("b")),
        BybitJson.Levels(result.GetProperty("a")),
        BybitJson.MillisAsNanos(result, "ts"),
        BybitJson.Long(result.GetProperty("u")),
        result.TryGetProperty("seq", out JsonElement seq) ? BybitJson.Long(seq) : 0,
        BybitJson.MillisAsNanos(result, "cts"));

    private static List<BybitTrade> ReadTrades(JsonElement result)
    {
        var trades = new List<BybitTrade>();
        foreach (JsonElement item in result.GetProperty("list").EnumerateArray())
        {
            trades.Add(new BybitTrade(
                BybitJson.Long(item.GetProperty("time")) * BybitJson.NanosPerMilli,
                item.GetProperty("symbol").GetString()!,
                BybitJson.Side(item.GetProperty("side")),
                BybitJson.Decimal(item.GetProperty("price")),
                BybitJson.Decimal(item.GetProperty("size")),
                item.GetProperty("execId").GetString()!,
                item.TryGetProperty("isBlockTrade", out JsonElement block) && block.GetBoolean()));
        }

        return trades;
    }

    private static string Escape(string symbol) => Uri.EscapeDataString(symbol);

    private static string Limit(int? limit) => limit is { } n ? $"&limit={n.ToString(CultureInfo.InvariantCulture)}" : "";

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
