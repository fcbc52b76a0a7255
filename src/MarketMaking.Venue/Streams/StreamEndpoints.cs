using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using MarketMaking.Venue.Exchange;
using MarketMaking.Venue.Http;
using Microsoft.AspNetCore.Http;

namespace MarketMaking.Venue.Streams;

/// <summary>
/// The venue's WebSocket endpoints: <c>/v5/public/linear</c> (subscribe, unsubscribe, ping) and
/// <c>/v5/private</c> (auth, then subscribe to order, execution, position and wallet; ping), with
/// Bybit's acknowledgements (docs/v5/websocket/wss-authentication.mdx).
/// </summary>
internal sealed class StreamEndpoints
{
    private static readonly string[] PrivateTopics = ["order", "execution", "position", "wallet"];

    private readonly VenueLoop _loop;
    private readonly StreamHub _hub;
    private readonly VenueClock _clock;
    private readonly RequestAuthenticator _authenticator;

    public StreamEndpoints(VenueLoop loop, StreamHub hub, VenueClock clock, RequestAuthenticator authenticator)
    {
        _loop = loop;
        _hub = hub;
        _clock = clock;
        _authenticator = authenticator;
    }

    public static bool Handles(HttpContext context) =>
        context.WebSockets.IsWebSocketRequest && context.Request.Path.Value is "/v5/public/linear" or "/v5/private";

    public async Task HandleAsync(HttpContext context, CancellationToken stopping)
    {
        bool isPrivate = context.Request.Path.Value == "/v5/private";
        WebSocket socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var connection = new StreamConnection(_hub.NextIndex(), isPrivate, context, socket, _clock.Elapsed);
        _hub.Add(connection);
        try
        {
            await connection.ServeAsync(isPrivate ? PrivateAsync : PublicAsync, stopping).ConfigureAwait(false);
        }
        finally
        {
            _hub.Remove(connection);
        }
    }

    private async Task PublicAsync(StreamConnection connection, ReadOnlyMemory<byte> message)
    {
        if (!TryRead(message, out string op, out string requestId, out string[] args))
        {
            connection.Send(Answer(connection, requestId, op, "error:invalid request"));
            return;
        }

        switch (op)
        {
            case "ping":
                connection.Send(Wire.Json((connection.Id, requestId), static (w, s) =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("success"u8, true);
                    w.WriteString("ret_msg"u8, "pong"u8);
                    w.WriteString("conn_id"u8, s.Id);
                    w.WriteString("req_id"u8, s.requestId);
                    w.WriteString("op"u8, "ping"u8);
                    w.WriteEndObject();
                }));
                break;
            case "subscribe":
                await _loop.Run(() => { PublicMarketData.Subscribe(_loop.Public, connection, requestId, args); return 0; }).ConfigureAwait(false);
                break;
            case "unsubscribe":
                await _loop.Run(() => { PublicMarketData.Unsubscribe(connection, requestId, args); return 0; }).ConfigureAwait(false);
                break;
            default:
                connection.Send(Answer(connection, requestId, op, "error:invalid op"));
                break;
        }
    }

    private async Task PrivateAsync(StreamConnection connection, ReadOnlyMemory<byte> message)
    {
        if (!TryRead(message, out string op, out string requestId, out string[] args))
        {
            connection.Send(Answer(connection, requestId, op, "error:invalid request"));
            return;
        }

        switch (op)
        {
            case "ping":
                connection.Send(Wire.Json((connection.Id, requestId, _clock.NowMs), static (w, s) =>
                {
                    w.WriteStartObject();
                    w.WriteString("req_id"u8, s.requestId);
                    w.WriteString("op"u8, "pong"u8);
                    w.WriteStartArray("args"u8);
                    w.WriteStringValue(s.NowMs.ToString(CultureInfo.InvariantCulture));
                    w.WriteEndArray();
                    w.WriteString("conn_id"u8, s.Id);
                    w.WriteEndObject();
                }));
                break;
            case "auth":
                string? refusal = args.Length == 3 && long.TryParse(args[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long expires)
                    ? _authenticator.CheckStream(args[0], expires, args[2])
                    : "Params Error";
                connection.Authenticated = refusal is null;
                connection.Send(Answer(connection, requestId, "auth", refusal));
                break;
            case "subscribe":
                string? unknown = args.FirstOrDefault(t => !PrivateTopics.Contains(t.EndsWith(".linear", StringComparison.Ordinal) ? t[..^7] : t));
                string? problem = !connection.Authenticated ? "Request not authorized" : unknown is not null ? $"error:handler not found,topic:{unknown}" : null;
                await _loop.Run(() =>
                {
                    if (problem is null)
                    {
                        connection.Topics.UnionWith(args);
                    }

                    connection.Send(Answer(connection, requestId, "subscribe", problem));
                    return 0;
                }).ConfigureAwait(false);
                break;
            case "unsubscribe":
                await _loop.Run(() =>
                {
                    connection.Topics.ExceptWith(args);
                    connection.Send(Answer(connection, requestId, "unsubscribe", null));
                    return 0;
                }).ConfigureAwait(false);
                break;
            default:
                connection.Send(Answer(connection, requestId, op, "error:invalid op"));
                break;
        }
    }

    /// <summary>An acknowledgement: <c>{"success":…,"ret_msg":…,"op":…,"conn_id":…}</c> (with <c>req_id</c> when the request had one).</summary>
    private static byte[] Answer(StreamConnection connection, string requestId, string op, string? refusal) => Wire.Json((connection.Id, requestId, op, refusal), static (w, s) =>
    {
        w.WriteStartObject();
        if (s.requestId.Length > 0)
        {
            w.WriteString("req_id"u8, s.requestId);
        }

        w.WriteBoolean("success"u8, s.refusal is null);
        w.WriteString("ret_msg"u8, s.refusal ?? "");
        w.WriteString("op"u8, s.op);
        w.WriteString("conn_id"u8, s.Id);
        w.WriteEndObject();
    });

    private static bool TryRead(ReadOnlyMemory<byte> message, out string op, out string requestId, out string[] args)
    {
        (op, requestId, args) = ("", "", []);
        try
        {
            using JsonDocument document = JsonDocument.Parse(message);
            JsonElement root = document.RootElement;
            op = root.TryGetProperty("op", out JsonElement o) ? o.GetString() ?? "" : "";
            requestId = root.TryGetProperty("req_id", out JsonElement r) ? r.ToString() : "";
            args = root.TryGetProperty("args", out JsonElement a) && a.ValueKind == JsonValueKind.Array
                ? [.. a.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : x.GetRawText())]
                : [];
            return op.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
