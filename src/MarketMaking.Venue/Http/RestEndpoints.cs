using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MarketMaking.Data.Bybit;
using MarketMaking.Data.Bybit.Trading;
using MarketMaking.Data.Bybit.Trading.Json;
using MarketMaking.Venue.Exchange;
using MarketMaking.Venue.Streams;
using MarketMaking.Venue.Faults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace MarketMaking.Venue.Http;

/// <summary>
/// The venue's REST surface: Bybit's public market endpoints and signed private endpoints under
/// /v5 (with Bybit's error codes, rate limits and headers, and the request faults), and the
/// venue's own /venue/state and /venue/faults beside them.
/// </summary>
internal sealed class RestEndpoints
{
    private static readonly BybitTradingJsonContext Answers = BybitTradingJsonContext.Default;
    private static readonly BybitRequestJsonContext Requests = BybitRequestJsonContext.Default;

    private static readonly string[] PrivatePaths =
    [
        "/v5/order/create", "/v5/order/amend", "/v5/order/cancel", "/v5/order/cancel-all", "/v5/order/create-batch",
        "/v5/order/realtime", "/v5/order/history", "/v5/execution/list", "/v5/position/list", "/v5/account/wallet-balance",
    ];

    private readonly VenueLoop _loop;
    private readonly VenueClock _clock;
    private readonly RequestAuthenticator _authenticator;
    private readonly RateLimiter _limiter;
    private readonly FaultInjector _faults;
    private readonly long[] _requests = new long[PrivatePaths.Length];

    public RestEndpoints(VenueLoop loop, VenueClock clock, RequestAuthenticator authenticator, RateLimiter limiter, FaultInjector faults)
    {
        _loop = loop;
        _clock = clock;
        _authenticator = authenticator;
        _limiter = limiter;
        _faults = faults;
    }

    /// <summary>Private requests answered so far (every outcome).</summary>
    public long PrivateRequests => _requests.Sum();

    public Task HandleAsync(HttpContext context, CancellationToken stopping)
    {
        string path = context.Request.Path.Value ?? "";
        int privateIndex = Array.IndexOf(PrivatePaths, path);
        if (privateIndex >= 0)
        {
            return PrivateAsync(context, path, privateIndex, stopping);
        }

        if (path.StartsWith("/v5/market/", StringComparison.Ordinal) && HttpMethods.IsGet(context.Request.Method))
        {
            return MarketAsync(context, path);
        }

        return path switch
        {
            "/venue/state" => VenueStateAsync(context),
            "/venue/faults" => Write(context, JsonSerializer.SerializeToUtf8Bytes(_faults.Counts, VenueJsonContext.Default.IReadOnlyDictionaryStringInt64)),
            _ => NotFound(context),
        };
    }

    private async Task MarketAsync(HttpContext context, string path)
    {
        IQueryCollection query = context.Request.Query;
        string? category = Value(query, "category");
        string? symbol = Value(query, "symbol");
        long now = _clock.NowMs;
        if (path != "/v5/market/time" && category != VenueExchange.Category)
        {
            await Write(context, Wire.Error(VenueErrors.ParamsError, VenueErrors.Params(category is null ? "category is required" : $"category {category} is not served; this venue lists {VenueExchange.Category}"), now)).ConfigureAwait(false);
            return;
        }

        byte[]? answer = path switch
        {
            "/v5/market/time" => await _loop.Run(() => _loop.Public[0].ServerTime()).ConfigureAwait(false),
            "/v5/market/instruments-info" => await _loop.Run(() => PublicMarketData.Instruments(_loop.Public, symbol, _clock.NowMs)).ConfigureAwait(false),
            "/v5/market/tickers" => await _loop.Run(() => PublicMarketData.Tickers(_loop.Public, symbol, _clock.NowMs)).ConfigureAwait(false),
            _ when symbol is not null && _loop.Find(symbol) is null => Wire.Error(VenueErrors.ParamsError, VenueErrors.Params($"symbol invalid: this venue lists {string.Join(", ", _loop.Instruments.Select(i => i.Symbol))} only"), now),
            _ when symbol is null => Wire.Error(VenueErrors.ParamsError, VenueErrors.Params("symbol is required"), now),
            "/v5/market/orderbook" => Integer(query, "limit", 25, 1, 1000) is { } depth
                ? await _loop.Run(() => _loop.Find(symbol)!.Public.OrderBook(depth)).ConfigureAwait(false)
                : Wire.Error(VenueErrors.ParamsError, VenueErrors.Params("limit must be 1 to 1000"), now),
            "/v5/market/recent-trade" => Integer(query, "limit", 500, 1, 1000) is { } count
                ? await _loop.Run(() => _loop.Find(symbol)!.Public.Trades(count)).ConfigureAwait(false)
                : Wire.Error(VenueErrors.ParamsError, VenueErrors.Params("limit must be 1 to 1000"), now),
            "/v5/market/kline" => await KlineAsync(_loop.Find(symbol)!.Public, query, now).ConfigureAwait(false),
            _ => null,
        };

        await (answer is null ? NotFound(context) : Write(context, answer)).ConfigureAwait(false);
    }

    private async Task<byte[]> KlineAsync(PublicMarketData instrument, IQueryCollection query, long now)
    {
        string interval = Value(query, "interval") ?? "";
        long? start = Long(query, "start");
        long? end = Long(query, "end");
        if (Integer(query, "limit", 200, 1, 1000) is not { } limit)
        {
            return Wire.Error(VenueErrors.ParamsError, VenueErrors.Params("limit must be 1 to 1000"), now);
        }

        byte[]? answer = await _loop.Run(() => instrument.Klines(interval, start, end, limit)).ConfigureAwait(false);
        return answer ?? Wire.Error(VenueErrors.ParamsError, VenueErrors.Params($"interval '{interval}' is not 1, 3, 5, 15, 30, 60, 120, 240, 360, 720, D, W or M"), now);
    }

    private async Task PrivateAsync(HttpContext context, string path, int index, CancellationToken stopping)
    {
        bool post = index < 5;
        if (post != HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        byte[] body = post ? await ReadBodyAsync(context.Request).ConfigureAwait(false) : [];
        string query = context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : "";
        long n = Interlocked.Increment(ref _requests[index]) - 1;
        if (_authenticator.Check(context.Request.Headers, post ? body : System.Text.Encoding.UTF8.GetBytes(query)) is { } refused)
        {
            await Write(context, Wire.Error(refused.Code, refused.Message, _clock.NowMs)).ConfigureAwait(false);
            return;
        }

        int units = 1;
        if (path == "/v5/order/create-batch")
        {
            units = BatchSize(body);
        }

        int granted = _limiter.Take(path, units, _clock.NowMs, out BybitRateLimit limit);
        WriteLimitHeaders(context.Response, limit);
        if (granted == 0)
        {
            await Write(context, Wire.Error(VenueErrors.TooManyVisits, VenueErrors.TooManyVisitsMessage, _clock.NowMs)).ConfigureAwait(false);
            return;
        }

        if (_faults.Strikes(FaultKind.ServerError, index, n) && _faults.Rule(FaultKind.ServerError) is { } serverError)
        {
            _faults.Record(FaultKind.ServerError, $"{context.Request.Method} {path} #{n} answered HTTP {serverError.Status}, not processed");
            context.Response.StatusCode = serverError.Status;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("Service Unavailable", stopping).ConfigureAwait(false);
            return;
        }

        bool timeout = _faults.Strikes(FaultKind.Timeout, index, n);
        bool executed = !timeout || _faults.Uniform(FaultKind.Timeout, 1_000 + index, n) < (_faults.Rule(FaultKind.Timeout)?.Executed ?? 1);
        byte[]? answer = executed ? await AnswerAsync(path, body, context.Request.Query, granted).ConfigureAwait(false) : null;
        if (timeout && _faults.Rule(FaultKind.Timeout) is { } hold)
        {
            _faults.Record(FaultKind.Timeout, $"{context.Request.Method} {path} #{n} held {hold.Hold.TotalSeconds:0.###} s, {(executed ? "processed" : "not processed")}");
            try
            {
                await Task.Delay(hold.Hold, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The venue is stopping.
            }

            context.Abort();
            return;
        }

        await Write(context, answer!).ConfigureAwait(false);
    }

    /// <summary>The answer to a private request that passed authentication and the rate limit (<paramref name="granted"/> units).</summary>
    private async Task<byte[]> AnswerAsync(string path, byte[] body, IQueryCollection query, int granted)
    {
        try
        {
            return path switch
            {
                "/v5/order/create" or "/v5/order/amend" or "/v5/order/cancel" => Serialize(await OrderAsync(path, body).ConfigureAwait(false), Answers.BybitResponseBybitOrderAck),
                "/v5/order/cancel-all" => await CancelAllAsync(Read(body, Requests.BybitCancelAllRequest)).ConfigureAwait(false),
                "/v5/order/create-batch" => Serialize(await Run(Read(body, Requests.BybitBatchOrderRequest), r => _loop.Account.For(r.Request.Count > 0 ? r.Request[0].Symbol : null).PlaceBatch(r, granted)).ConfigureAwait(false), Answers.BybitResponseBybitBatchResult),
                "/v5/order/realtime" => Serialize(await Run(new BybitOrderQuery(Value(query, "category") ?? "", Value(query, "symbol"))
                {
                    BaseCoin = Value(query, "baseCoin"),
                    SettleCoin = Value(query, "settleCoin"),
                    OrderId = Value(query, "orderId"),
                    OrderLinkId = Value(query, "orderLinkId"),
                    OpenOnly = (int?)Long(query, "openOnly"),
                    Limit = (int?)Long(query, "limit"),
                    Cursor = Value(query, "cursor"),
                }, q => _loop.Account.Orders(q)).ConfigureAwait(false), Answers.BybitResponseBybitPageBybitOrder),
                "/v5/order/history" => Serialize(await Run(new BybitOrderHistoryQuery(Value(query, "category") ?? "", Value(query, "symbol"))
                {
                    BaseCoin = Value(query, "baseCoin"),
                    SettleCoin = Value(query, "settleCoin"),
                    OrderId = Value(query, "orderId"),
                    OrderLinkId = Value(query, "orderLinkId"),
                    OrderFilter = Value(query, "orderFilter"),
                    OrderStatus = Value(query, "orderStatus") is { } status ? JsonSerializer.Deserialize($"\"{status}\"", BybitTradingJsonContext.Default.BybitOrderStatus) : null,
                    StartTime = Long(query, "startTime"),
                    EndTime = Long(query, "endTime"),
                    Limit = (int?)Long(query, "limit"),
                    Cursor = Value(query, "cursor"),
                }, q => _loop.Account.OrderHistory(q)).ConfigureAwait(false), Answers.BybitResponseBybitPageBybitOrder),
                "/v5/execution/list" => Serialize(await Run(new BybitExecutionQuery(Value(query, "category") ?? "", Value(query, "symbol"))
                {
                    OrderId = Value(query, "orderId"),
                    OrderLinkId = Value(query, "orderLinkId"),
                    BaseCoin = Value(query, "baseCoin"),
                    SettleCoin = Value(query, "settleCoin"),
                    StartTime = Long(query, "startTime"),
                    EndTime = Long(query, "endTime"),
                    ExecType = Value(query, "execType") is { } type ? JsonSerializer.Deserialize($"\"{type}\"", BybitTradingJsonContext.Default.BybitExecType) : null,
                    Limit = (int?)Long(query, "limit"),
                    Cursor = Value(query, "cursor"),
                }, q => _loop.Account.ExecutionList(q)).ConfigureAwait(false), Answers.BybitResponseBybitPageBybitExecution),
                "/v5/position/list" => Serialize(await Run(new BybitPositionQuery(Value(query, "category") ?? "", Value(query, "symbol"))
                {
                    SettleCoin = Value(query, "settleCoin"),
                    BaseCoin = Value(query, "baseCoin"),
                    Limit = (int?)Long(query, "limit"),
                    Cursor = Value(query, "cursor"),
                }, q => _loop.Account.Positions(q)).ConfigureAwait(false), Answers.BybitResponseBybitPageBybitPosition),
                "/v5/account/wallet-balance" => Serialize(await _loop.Run(() => _loop.Account.WalletBalance(Value(query, "accountType"), Value(query, "coin"))).ConfigureAwait(false), Answers.BybitResponseBybitWalletBalance),
                _ => Wire.Error(VenueErrors.ParamsError, VenueErrors.ParamsMessage, _clock.NowMs),
            };
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            return Wire.Error(VenueErrors.ParamsError, VenueErrors.Params(e.Message), _clock.NowMs);
        }
    }

    /// <summary>
    /// Create, amend or cancel one order (<paramref name="path"/> is the REST path) from its body: the
    /// REST endpoints' work and the WebSocket order entry's. A body that cannot be read is a <see cref="JsonException"/>.
    /// </summary>
    public Task<VenueReply<BybitOrderAck>> OrderAsync(string path, ReadOnlyMemory<byte> body) => path switch
    {
        "/v5/order/create" => Run(Read(body, Requests.BybitOrderRequest), r => _loop.Account.For(r.Symbol).Place(r)),
        "/v5/order/amend" => Run(Read(body, Requests.BybitAmendRequest), r => _loop.Account.For(r.Symbol).Amend(r)),
        "/v5/order/cancel" => Run(Read(body, Requests.BybitCancelRequest), r => _loop.Account.For(r.Symbol).Cancel(r)),
        _ => throw new ArgumentException($"not an order path: {path}", nameof(path)),
    };

    private async Task<byte[]> CancelAllAsync(BybitCancelAllRequest request)
    {
        if (request.Symbol is null && request.BaseCoin is null && request.SettleCoin is null)
        {
            return Wire.Error(VenueErrors.ParamsError, VenueErrors.Params("symbol, baseCoin or settleCoin is required for linear"), _clock.NowMs);
        }

        return Serialize(await _loop.Run(() => _loop.Account.CancelAll(request)).ConfigureAwait(false), Answers.BybitResponseBybitCancelAllResult);
    }

    private Task<VenueReply<TResult>> Run<TRequest, TResult>(TRequest request, Func<TRequest, VenueReply<TResult>> handle)
        where TResult : class =>
        _loop.Run(() => handle(request));

    private byte[] Serialize<T>(VenueReply<T> reply, JsonTypeInfo<BybitResponse<T>> type)
        where T : class =>
        reply.RetCode == 0
            ? JsonSerializer.SerializeToUtf8Bytes(new BybitResponse<T> { RetCode = 0, RetMsg = "OK", Result = reply.Result, RetExtInfo = reply.ExtInfo, Time = _clock.NowMs }, type)
            : Wire.Error(reply.RetCode, reply.RetMsg, _clock.NowMs);

    /// <summary>GET /venue/state[?symbol=S]: the first instrument's, or the one named (404 for one not listed).</summary>
    private async Task VenueStateAsync(HttpContext context)
    {
        string? symbol = Value(context.Request.Query, "symbol");
        if (symbol is not null && _loop.Find(symbol) is null)
        {
            await NotFound(context).ConfigureAwait(false);
            return;
        }

        VenueState state = await _loop.Run(() => (_loop.Find(symbol) ?? _loop.Instruments[0]).Exchange.State()).ConfigureAwait(false);
        await Write(context, JsonSerializer.SerializeToUtf8Bytes(state, VenueJsonContext.Default.VenueState)).ConfigureAwait(false);
    }

    private static T Read<T>(ReadOnlyMemory<byte> body, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(body.Span, type) ?? throw new JsonException("the body is empty");

    /// <summary>How many orders a batch body holds (each takes one unit of the limit); 1 when it cannot be read (the request then fails on its own).</summary>
    private static int BatchSize(byte[] body)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("request", out JsonElement list) && list.ValueKind == JsonValueKind.Array ? Math.Max(1, list.GetArrayLength()) : 1;
        }
        catch (JsonException)
        {
            return 1;
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        while (true)
        {
            int read = await request.Body.ReadAsync(buffer.GetMemory(512)).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
        }
    }

    private static void WriteLimitHeaders(HttpResponse response, BybitRateLimit limit)
    {
        if (!limit.IsKnown)
        {
            return;
        }

        response.Headers[BybitRateLimit.LimitHeader] = limit.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers[BybitRateLimit.RemainingHeader] = limit.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers[BybitRateLimit.ResetHeader] = limit.ResetTimestamp.ToString(CultureInfo.InvariantCulture);
    }

    private static Task Write(HttpContext context, byte[] json)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        return context.Response.Body.WriteAsync(json).AsTask();
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out StringValues values) && values.Count > 0 ? values[0] : null;

    private static long? Long(IQueryCollection query, string name) =>
        Value(query, name) is { } text
            ? long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) ? value : throw new FormatException($"{name} must be a whole number, got '{text}'")
            : null;

    private static int? Integer(IQueryCollection query, string name, int fallback, int min, int max)
    {
        string? text = Value(query, name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max ? value : null;
    }
}
