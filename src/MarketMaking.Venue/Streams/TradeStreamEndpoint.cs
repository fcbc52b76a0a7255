using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MarketMaking.Data.Bybit;
using MarketMaking.Data.Bybit.Trading;
using MarketMaking.Venue.Exchange;
using MarketMaking.Venue.Faults;
using MarketMaking.Venue.Http;
using Microsoft.AspNetCore.Http;

namespace MarketMaking.Venue.Streams;

/// <summary>
/// The venue's WebSocket order entry, <c>/v5/trade</c> (docs/v5/websocket/trade/guideline.mdx):
/// <c>auth</c> (retCode 0, 20001 repeat auth, 10004 invalid sign, 10001 param error), <c>ping</c>
/// (<c>pong</c> with the time), and <c>order.create</c>, <c>order.amend</c>, <c>order.cancel</c> with one
/// argument each (the REST body) and a header whose X-BAPI-TIMESTAMP must lie in the receive window
/// (10002). A reqId used twice on a connection gets 20006; an unknown op 10404. Orders go through the
/// REST endpoints' own work, and take the same account rate limits (shared, as Bybit shares them),
/// answered as <c>data</c> beside a <c>header</c> with X-Bapi-Limit, X-Bapi-Limit-Status,
/// X-Bapi-Limit-Reset-Timestamp, Traceid and Timenow. An order op before auth is refused with 10003:
/// Bybit's guide gives no code for it, this is the REST one for a missing key. The <c>timeout</c>
/// fault strikes order requests here too: processed or not (its <c>executed</c> share), the answer is
/// never sent, as when it is lost on the way.
/// </summary>
internal sealed class TradeStreamEndpoint
{
    public const string Path = "/v5/trade";

    private const int RepeatAuth = 20001;
    private const int DuplicateRequestId = 20006;
    private const int UnknownOp = 10404;

    // The fault draws' stream for this endpoint, apart from the REST endpoints' (their indexes are small).
    private const long FaultStream = 64;

    private readonly RestEndpoints _rest;
    private readonly VenueClock _clock;
    private readonly RequestAuthenticator _authenticator;
    private readonly RateLimiter _limiter;
    private readonly StreamHub _hub;
    private readonly FaultInjector _faults;
    private long _traces;
    private long _orders;

    public TradeStreamEndpoint(RestEndpoints rest, VenueClock clock, RequestAuthenticator authenticator, RateLimiter limiter, StreamHub hub, FaultInjector faults)
    {
        _faults = faults;
        _rest = rest;
        _clock = clock;
        _authenticator = authenticator;
        _limiter = limiter;
        _hub = hub;
    }

    /// <summary>Order requests answered so far (every outcome).</summary>
    public long OrderRequests => Interlocked.Read(ref _orders);

    public static bool Handles(HttpContext context) => context.WebSockets.IsWebSocketRequest && context.Request.Path.Value == Path;

    public async Task HandleAsync(HttpContext context, CancellationToken stopping)
    {
        WebSocket socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var connection = new StreamConnection(_hub.NextIndex(), isPrivate: false, context, socket, _clock.Elapsed);
        var requestIds = new HashSet<string>(StringComparer.Ordinal);
        await connection.ServeAsync((c, message) => AnswerAsync(c, message, requestIds), stopping).ConfigureAwait(false);
    }

    private async Task AnswerAsync(StreamConnection connection, ReadOnlyMemory<byte> message, HashSet<string> requestIds)
    {
        if (!TradeRequest.TryRead(message, out TradeRequest request))
        {
            connection.Send(Answer(connection, new TradeRequest(), VenueErrors.ParamsError, "params error: the request is not JSON with an op", null, default));
            return;
        }

        if (request.RequestId.Length > 0 && !requestIds.Add(request.RequestId))
        {
            connection.Send(Answer(connection, request, DuplicateRequestId, $"reqId is duplicated: {request.RequestId}", null, default));
            return;
        }

        switch (request.Op)
        {
            case "ping":
                connection.Send(Pong(connection, request));
                return;
            case "auth":
                connection.Send(Auth(connection, request));
                return;
            case "order.create" or "order.amend" or "order.cancel":
                long n = Interlocked.Increment(ref _orders) - 1;
                if (_faults.Strikes(FaultKind.Timeout, FaultStream, n))
                {
                    bool executed = _faults.Uniform(FaultKind.Timeout, 1_000 + FaultStream, n) < (_faults.Rule(FaultKind.Timeout)?.Executed ?? 1);
                    if (executed)
                    {
                        await OrderAsync(connection, request).ConfigureAwait(false);
                    }

                    _faults.Record(FaultKind.Timeout, $"WS {request.Op} #{n} never answered, {(executed ? "processed" : "not processed")}");
                    return;
                }

                connection.Send(await OrderAsync(connection, request).ConfigureAwait(false));
                return;
            default:
                connection.Send(Answer(connection, request, UnknownOp, $"op type is not found: {request.Op}", null, default));
                return;
        }
    }

    private byte[] Auth(StreamConnection connection, TradeRequest request)
    {
        if (connection.Authenticated)
        {
            return Answer(connection, request, RepeatAuth, "repeat auth", null, default);
        }

        if (request.Args.Length != 3 || !long.TryParse(request.Args[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long expires))
        {
            return Answer(connection, request, VenueErrors.ParamsError, "param error: args must be [api key, expiry timestamp, signature]", null, default);
        }

        string? refusal = _authenticator.CheckStream(request.Args[0], expires, request.Args[2]);
        connection.Authenticated = refusal is null;
        return refusal switch
        {
            null => Answer(connection, request, 0, "OK", null, default),
            "Params Error" => Answer(connection, request, VenueErrors.ParamsError, "param error: the expiry has passed", null, default),
            _ => Answer(connection, request, VenueErrors.SignError, "invalid sign", null, default),
        };
    }

    private async Task<byte[]> OrderAsync(StreamConnection connection, TradeRequest request)
    {
        if (!connection.Authenticated)
        {
            return Answer(connection, request, VenueErrors.InvalidApiKey, "Request not authorized", null, default);
        }

        if (_authenticator.CheckTime(request.Timestamp, request.RecvWindow) is { } late)
        {
            return Answer(connection, request, late.Code, late.Message, null, default);
        }

        if (request.Args.Length != 1)
        {
            return Answer(connection, request, VenueErrors.ParamsError, "params error: args must hold exactly one order", null, default);
        }

        string path = "/v5/order/" + request.Op["order.".Length..];
        int granted = _limiter.Take(path, 1, _clock.NowMs, out BybitRateLimit limit);
        if (granted == 0)
        {
            return Answer(connection, request, VenueErrors.TooManyVisits, VenueErrors.TooManyVisitsMessage, null, limit);
        }

        try
        {
            VenueReply<BybitOrderAck> reply = await _rest.OrderAsync(path, Encoding.UTF8.GetBytes(request.Args[0])).ConfigureAwait(false);
            return reply.RetCode == 0
                ? Answer(connection, request, 0, "OK", reply.Result, limit)
                : Answer(connection, request, reply.RetCode, reply.RetMsg, null, limit);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            return Answer(connection, request, VenueErrors.ParamsError, VenueErrors.Params(e.Message), null, limit);
        }
    }

    private byte[] Pong(StreamConnection connection, TradeRequest request) => Wire.Json((connection.Id, request.RequestId, _clock.NowMs), static (w, s) =>
    {
        w.WriteStartObject();
        if (s.RequestId.Length > 0)
        {
            w.WriteString("reqId"u8, s.RequestId);
        }

        w.WriteNumber("retCode"u8, 0);
        w.WriteString("retMsg"u8, "OK"u8);
        w.WriteString("op"u8, "pong"u8);
        w.WriteStartArray("data"u8);
        w.WriteStringValue(s.NowMs.ToString(CultureInfo.InvariantCulture));
        w.WriteEndArray();
        w.WriteString("connId"u8, s.Id);
        w.WriteEndObject();
    });

    /// <summary>An answer in the guide's shape; auth answers carry no data or header.</summary>
    private byte[] Answer(StreamConnection connection, TradeRequest request, int code, string message, BybitOrderAck? ack, BybitRateLimit limit)
    {
        long now = _clock.NowMs;
        long trace = Interlocked.Increment(ref _traces);
        return Wire.Json((connection.Id, request, code, message, ack, limit, now, trace), static (w, s) =>
        {
            w.WriteStartObject();
            if (s.request.RequestId.Length > 0)
            {
                w.WriteString("reqId"u8, s.request.RequestId);
            }

            w.WriteNumber("retCode"u8, s.code);
            w.WriteString("retMsg"u8, s.message);
            w.WriteString("op"u8, s.request.Op);
            if (s.request.Op != "auth")
            {
                w.WriteStartObject("data"u8);
                if (s.ack is not null)
                {
                    w.WriteString("orderId"u8, s.ack.OrderId);
                    w.WriteString("orderLinkId"u8, s.ack.OrderLinkId);
                }

                w.WriteEndObject();
                w.WriteStartObject("retExtInfo"u8);
                w.WriteEndObject();
                w.WriteStartObject("header"u8);
                if (s.limit.IsKnown)
                {
                    w.LongString("X-Bapi-Limit"u8, s.limit.Limit);
                    w.LongString("X-Bapi-Limit-Status"u8, s.limit.Remaining);
                    w.LongString("X-Bapi-Limit-Reset-Timestamp"u8, s.limit.ResetTimestamp);
                }

                w.WriteString("Traceid"u8, s.trace.ToString("x32", CultureInfo.InvariantCulture));
                w.LongString("Timenow"u8, s.now);
                w.WriteEndObject();
            }

            w.WriteString("connId"u8, s.Id);
            w.WriteEndObject();
        });
    }

    /// <summary>A request as read: its op, reqId, header times and arguments (each as text: a string's value, otherwise its JSON).</summary>
    private readonly record struct TradeRequest(string Op, string RequestId, string Timestamp, string RecvWindow, string[] Args)
    {
        public TradeRequest()
            : this("", "", "", "", [])
        {
        }

        public static bool TryRead(ReadOnlyMemory<byte> message, out TradeRequest request)
        {
            request = new TradeRequest();
            try
            {
                using JsonDocument document = JsonDocument.Parse(message);
                JsonElement root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("op", out JsonElement op) || op.ValueKind != JsonValueKind.String)
                {
                    return false;
                }

                JsonElement header = root.TryGetProperty("header", out JsonElement h) && h.ValueKind == JsonValueKind.Object ? h : default;
                request = new TradeRequest(
                    op.GetString()!,
                    root.TryGetProperty("reqId", out JsonElement id) ? Text(id) : "",
                    header.ValueKind == JsonValueKind.Object && header.TryGetProperty("X-BAPI-TIMESTAMP", out JsonElement t) ? Text(t) : "",
                    header.ValueKind == JsonValueKind.Object && header.TryGetProperty("X-BAPI-RECV-WINDOW", out JsonElement r) ? Text(r) : "",
                    root.TryGetProperty("args", out JsonElement args) && args.ValueKind == JsonValueKind.Array ? [.. args.EnumerateArray().Select(Text)] : []);
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }
}
