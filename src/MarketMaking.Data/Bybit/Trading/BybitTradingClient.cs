using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MarketMaking.Data.Bybit.Trading.Json;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// Bybit V5's private REST API, signed as docs/v5/guide.mdx says: place, amend, cancel, cancel all
/// and batch-place orders; open orders, executions, positions, wallet balance; the server's time.
/// <para>
/// Every answer with retCode 0 comes back as a <see cref="BybitReply{T}"/> carrying the endpoint's
/// rate-limit headers; any other retCode is a <see cref="BybitApiException"/> with Bybit's code and
/// message (and the headers); no answer within <see cref="BybitTradingOptions.Timeout"/> is a
/// <see cref="BybitTimeoutException"/>, whose outcome is unknown; an unreachable host or a
/// connection lost mid-request is a <see cref="BybitConnectionException"/> (for a POST, unknown
/// too unless the host refused the connection), and an HTTP error without Bybit's envelope is a
/// <see cref="BybitApiException"/> carrying the HTTP status (5xx: unknown as well). Nothing is
/// retried behind the caller's back: a create retried by the caller with the same orderLinkId
/// cannot make a second order.
/// </para>
/// <para>
/// Create, amend and cancel bodies are written with a <see cref="Utf8JsonWriter"/> into reused
/// buffers and signed without intermediate strings. Timestamps are the local clock plus
/// <see cref="ClockOffset"/> (see <see cref="SynchronizeClockAsync"/>). Thread-safe.
/// </para>
/// </summary>
public sealed class BybitTradingClient : IDisposable
{
    private const string CreatePath = "/v5/order/create";
    private const string AmendPath = "/v5/order/amend";
    private const string CancelPath = "/v5/order/cancel";
    private const string CancelAllPath = "/v5/order/cancel-all";
    private const string BatchPath = "/v5/order/create-batch";
    private const string OpenOrdersPath = "/v5/order/realtime";
    private const string OrderHistoryPath = "/v5/order/history";
    private const string ExecutionsPath = "/v5/execution/list";
    private const string PositionsPath = "/v5/position/list";
    private const string WalletPath = "/v5/account/wallet-balance";
    private const string TimePath = "/v5/market/time";

    private static readonly BybitTradingJsonContext Json = BybitTradingJsonContext.Default;

    private readonly BybitCredentials _credentials;
    private readonly BybitTradingOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ConcurrentQueue<BybitRequestBuffer> _buffers = new();
    private readonly Dictionary<string, Uri> _postUris;
    private readonly string _recvWindow;
    private long _clockOffsetTicks;

    /// <param name="httpClient">Optional shared client (its own timeout should be longer than <see cref="BybitTradingOptions.Timeout"/>); when null the client makes and disposes its own.</param>
    public BybitTradingClient(BybitCredentials credentials, BybitTradingOptions? options = null, HttpClient? httpClient = null)
    {
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _options = options ?? new BybitTradingOptions();
        if (_options.RecvWindow <= TimeSpan.Zero || _options.Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "the receive window and the timeout must be positive");
        }

        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _recvWindow = ((long)_options.RecvWindow.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        Uri baseUrl = _options.Environment.RestBaseUrl;
        _postUris = new[] { CreatePath, AmendPath, CancelPath, CancelAllPath, BatchPath }.ToDictionary(p => p, p => new Uri(baseUrl, p));
    }

    public BybitTradingOptions Options => _options;

    /// <summary>Server time minus local time, added to every timestamp (0 until set).</summary>
    public TimeSpan ClockOffset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _clockOffsetTicks));
        set => Interlocked.Exchange(ref _clockOffsetTicks, value.Ticks);
    }

    /// <summary>POST /v5/order/create.</summary>
    public Task<BybitReply<BybitOrderAck>> PlaceOrderAsync(BybitOrderRequest order, CancellationToken cancellationToken = default) =>
        PostAsync(CreatePath, order ?? throw new ArgumentNullException(nameof(order)), static (w, o) => BybitRequestWriter.Write(w, o), Json.BybitResponseBybitOrderAck, cancellationToken);

    /// <summary>POST /v5/order/amend.</summary>
    public Task<BybitReply<BybitOrderAck>> AmendOrderAsync(BybitAmendRequest amend, CancellationToken cancellationToken = default) =>
        PostAsync(AmendPath, amend ?? throw new ArgumentNullException(nameof(amend)), static (w, a) => BybitRequestWriter.Write(w, a), Json.BybitResponseBybitOrderAck, cancellationToken);

    /// <summary>POST /v5/order/cancel.</summary>
    public Task<BybitReply<BybitOrderAck>> CancelOrderAsync(BybitCancelRequest cancel, CancellationToken cancellationToken = default) =>
        PostAsync(CancelPath, cancel ?? throw new ArgumentNullException(nameof(cancel)), static (w, c) => BybitRequestWriter.Write(w, c), Json.BybitResponseBybitOrderAck, cancellationToken);

    /// <summary>POST /v5/order/cancel-all.</summary>
    public Task<BybitReply<BybitCancelAllResult>> CancelAllOrdersAsync(BybitCancelAllRequest cancel, CancellationToken cancellationToken = default) =>
        PostAsync(CancelAllPath, cancel ?? throw new ArgumentNullException(nameof(cancel)), static (w, c) => BybitRequestWriter.Write(w, c), Json.BybitResponseBybitCancelAllResult, cancellationToken);

    /// <summary>POST /v5/order/create-batch; each order's outcome is in <see cref="BybitReply{T}.ExtInfo"/>, in request order.</summary>
    public Task<BybitReply<BybitBatchResult>> PlaceBatchAsync(BybitBatchOrderRequest batch, CancellationToken cancellationToken = default) =>
        PostAsync(BatchPath, batch ?? throw new ArgumentNullException(nameof(batch)), static (w, b) => BybitRequestWriter.Write(w, b), Json.BybitResponseBybitBatchResult, cancellationToken);

    /// <summary>GET /v5/order/realtime: one page of open (or recent closed) orders, newest first.</summary>
    public Task<BybitReply<BybitPage<BybitOrder>>> GetOrdersAsync(BybitOrderQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        string text = new BybitQueryString()
            .Add("category", query.Category).Add("symbol", query.Symbol).Add("baseCoin", query.BaseCoin).Add("settleCoin", query.SettleCoin)
            .Add("orderId", query.OrderId).Add("orderLinkId", query.OrderLinkId).Add("openOnly", query.OpenOnly).Add("orderFilter", query.OrderFilter)
            .Add("limit", query.Limit).AddVerbatim("cursor", query.Cursor).ToString();
        return GetAsync(OpenOrdersPath, text, signed: true, Json.BybitResponseBybitPageBybitOrder, cancellationToken);
    }

    /// <summary>Every order the query matches, following the page cursors.</summary>
    public IAsyncEnumerable<BybitOrder> ReadOrdersAsync(BybitOrderQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadPagesAsync(cursor => GetOrdersAsync(query with { Cursor = cursor }, cancellationToken), cancellationToken);
    }

    /// <summary>GET /v5/order/history: one page of the orders created in a window of at most seven days, newest first.</summary>
    public Task<BybitReply<BybitPage<BybitOrder>>> GetOrderHistoryAsync(BybitOrderHistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        string text = new BybitQueryString()
            .Add("category", query.Category).Add("symbol", query.Symbol).Add("baseCoin", query.BaseCoin).Add("settleCoin", query.SettleCoin)
            .Add("orderId", query.OrderId).Add("orderLinkId", query.OrderLinkId).Add("orderFilter", query.OrderFilter)
            .Add("orderStatus", query.OrderStatus?.ToString()).Add("startTime", query.StartTime).Add("endTime", query.EndTime)
            .Add("limit", query.Limit).AddVerbatim("cursor", query.Cursor).ToString();
        return GetAsync(OrderHistoryPath, text, signed: true, Json.BybitResponseBybitPageBybitOrder, cancellationToken);
    }

    /// <summary>Every order of the history the query matches, following the page cursors.</summary>
    public IAsyncEnumerable<BybitOrder> ReadOrderHistoryAsync(BybitOrderHistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadPagesAsync(cursor => GetOrderHistoryAsync(query with { Cursor = cursor }, cancellationToken), cancellationToken);
    }

    /// <summary>GET /v5/execution/list: one page of fills, newest first.</summary>
    public Task<BybitReply<BybitPage<BybitExecution>>> GetExecutionsAsync(BybitExecutionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        string text = new BybitQueryString()
            .Add("category", query.Category).Add("symbol", query.Symbol).Add("orderId", query.OrderId).Add("orderLinkId", query.OrderLinkId)
            .Add("baseCoin", query.BaseCoin).Add("settleCoin", query.SettleCoin).Add("startTime", query.StartTime).Add("endTime", query.EndTime)
            .Add("execType", query.ExecType is { } type ? BybitNames.ExecType(type) : null).Add("limit", query.Limit).AddVerbatim("cursor", query.Cursor).ToString();
        return GetAsync(ExecutionsPath, text, signed: true, Json.BybitResponseBybitPageBybitExecution, cancellationToken);
    }

    /// <summary>Every fill the query matches (for example everything since a start time), following the page cursors.</summary>
    public IAsyncEnumerable<BybitExecution> ReadExecutionsAsync(BybitExecutionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadPagesAsync(cursor => GetExecutionsAsync(query with { Cursor = cursor }, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The items of every page, asking for the next with the cursor each page gives until one gives
    /// none. A page refused for the endpoint's limit (10006) is asked again at the reset the refusal
    /// names, so a long read keeps to the limit instead of failing midway.
    /// </summary>
    private async IAsyncEnumerable<T> ReadPagesAsync<T>(Func<string?, Task<BybitReply<BybitPage<T>>>> page, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (string? cursor = null; ;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            BybitPage<T> result = (await WithinLimitAsync(page, cursor, cancellationToken).ConfigureAwait(false)).Result;
            foreach (T item in result.List)
            {
                yield return item;
            }

            if (result.NextPageCursor.Length == 0 || result.List.Count == 0)
            {
                yield break;
            }

            cursor = result.NextPageCursor;
        }
    }

    /// <summary>One page; refused for a rate limit, asked again after the reset it names, or a second when it names none (at most ten times).</summary>
    private async Task<BybitReply<BybitPage<T>>> WithinLimitAsync<T>(Func<string?, Task<BybitReply<BybitPage<T>>>> page, string? cursor, CancellationToken cancellationToken)
    {
        for (int refused = 1; ; refused++)
        {
            try
            {
                return await page(cursor).ConfigureAwait(false);
            }
            catch (BybitApiException e) when (e.IsRateLimit && refused < 10)
            {
                long venueNow = Timestamp();
                long wait = e.RateLimit.ResetTimestamp > venueNow ? Math.Min(e.RateLimit.ResetTimestamp - venueNow, 1000) : 1000; // no reset named: the window's second
                await Task.Delay(TimeSpan.FromMilliseconds(wait), _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>GET /v5/position/list.</summary>
    public Task<BybitReply<BybitPage<BybitPosition>>> GetPositionsAsync(BybitPositionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        string text = new BybitQueryString()
            .Add("category", query.Category).Add("symbol", query.Symbol).Add("baseCoin", query.BaseCoin).Add("settleCoin", query.SettleCoin)
            .Add("limit", query.Limit).AddVerbatim("cursor", query.Cursor).ToString();
        return GetAsync(PositionsPath, text, signed: true, Json.BybitResponseBybitPageBybitPosition, cancellationToken);
    }

    /// <summary>GET /v5/account/wallet-balance of the unified account, optionally for some coins (<c>USDT,USDC</c>).</summary>
    public Task<BybitReply<BybitWalletBalance>> GetWalletBalanceAsync(string? coin = null, CancellationToken cancellationToken = default)
    {
        string text = new BybitQueryString().Add("accountType", "UNIFIED").Add("coin", coin).ToString();
        return GetAsync(WalletPath, text, signed: true, Json.BybitResponseBybitWalletBalance, cancellationToken);
    }

    /// <summary>GET /v5/market/time (not signed).</summary>
    public async Task<BybitServerTime> GetServerTimeAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync(TimePath, "", signed: false, Json.BybitResponseBybitServerTime, cancellationToken).ConfigureAwait(false)).Result;

    /// <summary>
    /// Measures server time minus local time (the server's clock against the midpoint of the round
    /// trip), makes it the <see cref="ClockOffset"/> and returns it.
    /// </summary>
    public async Task<TimeSpan> SynchronizeClockAsync(CancellationToken cancellationToken = default)
    {
        TimeProvider clock = _options.TimeProvider;
        DateTimeOffset sent = clock.GetUtcNow();
        BybitServerTime server = await GetServerTimeAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset received = clock.GetUtcNow();
        DateTimeOffset midpoint = sent + ((received - sent) / 2);
        TimeSpan offset = DateTimeOffset.UnixEpoch.AddTicks(server.TimeNano / 100) - midpoint;
        ClockOffset = offset;
        return offset;
    }

    /// <summary>The timestamp the next request would carry: local time plus <see cref="ClockOffset"/>, ms.</summary>
    public long Timestamp() => (_options.TimeProvider.GetUtcNow() + ClockOffset).ToUnixTimeMilliseconds();

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }

        while (_buffers.TryDequeue(out BybitRequestBuffer? buffer))
        {
            buffer.Dispose();
        }
    }

    private async Task<BybitReply<TResult>> PostAsync<TBody, TResult>(
        string path, TBody body, Action<Utf8JsonWriter, TBody> write, JsonTypeInfo<BybitResponse<TResult>> answer, CancellationToken cancellationToken)
    {
        BybitRequestBuffer buffer = RentBuffer();
        try
        {
            buffer.Begin();
            write(buffer.Writer, body);
            buffer.Writer.Flush();
            using var request = new HttpRequestMessage(HttpMethod.Post, _postUris[path]);
            request.Content = new ReadOnlyMemoryContent(buffer.Written);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            Sign(request, buffer.Written.Span, buffer.Signer);
            return await SendAsync(request, path, answer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The body has been sent (or abandoned) by now: the buffer can serve the next request.
            _buffers.Enqueue(buffer);
        }
    }

    private async Task<BybitReply<TResult>> GetAsync<TResult>(string path, string query, bool signed, JsonTypeInfo<BybitResponse<TResult>> answer, CancellationToken cancellationToken)
    {
        var uri = new Uri(_options.Environment.RestBaseUrl, query.Length > 0 ? $"{path}?{query}" : path);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (signed)
        {
            BybitRequestBuffer buffer = RentBuffer();
            Sign(request, Encoding.UTF8.GetBytes(query), buffer.Signer);
            _buffers.Enqueue(buffer);
        }

        return await SendAsync(request, path, answer, cancellationToken).ConfigureAwait(false);
    }

    private BybitRequestBuffer RentBuffer() => _buffers.TryDequeue(out BybitRequestBuffer? buffer) ? buffer : new BybitRequestBuffer(_credentials);

    private void Sign(HttpRequestMessage request, ReadOnlySpan<byte> payload, BybitRequestSigner signer)
    {
        long timestamp = Timestamp();
        Span<char> signature = stackalloc char[BybitSigner.SignatureLength];
        signer.Sign(timestamp, (long)_options.RecvWindow.TotalMilliseconds, payload, signature);
        HttpRequestHeaders headers = request.Headers;
        headers.TryAddWithoutValidation("X-BAPI-API-KEY", _credentials.ApiKey);
        headers.TryAddWithoutValidation("X-BAPI-TIMESTAMP", timestamp.ToString(CultureInfo.InvariantCulture));
        headers.TryAddWithoutValidation("X-BAPI-RECV-WINDOW", _recvWindow);
        headers.TryAddWithoutValidation("X-BAPI-SIGN", new string(signature));
    }

    // What was asked, for an error's message: only made when there is an error.
    private static string Name(HttpRequestMessage request, string path) => $"{request.Method} {path}";

    private async Task<BybitReply<TResult>> SendAsync<TResult>(HttpRequestMessage request, string path, JsonTypeInfo<BybitResponse<TResult>> answer, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            BybitRateLimit limit = BybitRateLimit.From(response.Headers);
            int status = (int)response.StatusCode;
            BybitResponse<TResult>? envelope;
            try
            {
                Stream body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    envelope = await JsonSerializer.DeserializeAsync(body, answer, timeout.Token).ConfigureAwait(false);
                }
            }
            catch (JsonException e)
            {
                throw response.IsSuccessStatusCode
                    ? new BybitConnectionException(Name(request, path), $"the answer is not Bybit's: {e.Message}", e)
                    : new BybitApiException(Name(request, path), status, $"HTTP {status} {response.ReasonPhrase}") { RateLimit = limit };
            }

            if (envelope is null)
            {
                throw new BybitConnectionException(Name(request, path), "the answer is empty", new JsonException("null"));
            }

            if (envelope.RetCode != 0)
            {
                throw new BybitApiException(Name(request, path), envelope.RetCode, envelope.RetMsg) { RateLimit = limit };
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new BybitApiException(Name(request, path), status, $"HTTP {status} {response.ReasonPhrase}") { RateLimit = limit };
            }

            if (envelope.Result is not { } result)
            {
                throw new BybitConnectionException(Name(request, path), "the answer has no result", new JsonException("result is null"));
            }

            return new BybitReply<TResult>(result, limit, envelope.Time, envelope.RetExtInfo);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BybitTimeoutException(Name(request, path), _options.Timeout, e);
        }
        catch (HttpRequestException e)
        {
            throw new BybitConnectionException(Name(request, path), $"cannot reach {_options.Environment.RestBaseUrl}: {e.Message}", e);
        }
    }
}
