using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;
using MarketMaking.Data.Bybit.Trading;

namespace MarketMaking.Venue.Tests;

/// <summary>The WebSocket order entry, /v5/trade (docs/v5/websocket/trade/guideline.mdx), through the client and on the wire.</summary>
public sealed class TradeStreamTests
{
    [Fact]
    public async Task OrdersPlacedAmendedAndCancelledOverTheSocketAreTheVenuesAndShareRestsRateLimit()
    {
        await using LocalVenue venue = await Venues.StartAsync(Venues.Quiet);
        using BybitTradingClient rest = Venues.Client(venue);
        await using var socket = new BybitTradeSocket(venue.Credentials, new BybitTradingOptions { Environment = venue.Environment, Timeout = TimeSpan.FromSeconds(10) });

        BybitReply<BybitOrderAck> first = await rest.PlaceOrderAsync(Venues.Limit("rest-1"));
        BybitReply<BybitOrderAck> placed = await socket.PlaceOrderAsync(Venues.Limit("ws-1", Side.Buy, 96m, 2));

        BybitOrder resting = Assert.Single((await venue.StateAsync()).OpenOrders, o => o.OrderLinkId == "ws-1");
        Assert.Equal((placed.Result.OrderId, "ws-1", 96m, 2m), (resting.OrderId, placed.Result.OrderLinkId, resting.Price, resting.Qty));
        Assert.Equal((10, 9), (first.RateLimit.Limit, first.RateLimit.Remaining));
        // The account's budget, shared with REST: the REST order still counts unless the socket's
        // connection and auth took over a second (CI's load once made them), when it has left the window.
        // Below the limit, the reset timestamp is the limiter's own time of the request (the replies' times are taken apart from it).
        int stillCounted = placed.RateLimit.ResetTimestamp - first.RateLimit.ResetTimestamp < 1000 ? 1 : 0;
        Assert.Equal((10, 9 - stillCounted), (placed.RateLimit.Limit, placed.RateLimit.Remaining));

        BybitReply<BybitOrderAck> amended = await socket.AmendOrderAsync(new BybitAmendRequest { Category = "linear", Symbol = "SIMUSDT", OrderLinkId = "ws-1", Price = 96.5m });
        Assert.Equal(placed.Result.OrderId, amended.Result.OrderId);
        Assert.Equal(96.5m, Assert.Single((await venue.StateAsync()).OpenOrders, o => o.OrderLinkId == "ws-1").Price);

        await socket.CancelOrderAsync(new BybitCancelRequest { Category = "linear", Symbol = "SIMUSDT", OrderLinkId = "ws-1" });
        Assert.Equal(["rest-1"], (await venue.StateAsync()).OpenOrders.Select(o => o.OrderLinkId));

        BybitApiException duplicate = await Assert.ThrowsAsync<BybitApiException>(() => socket.PlaceOrderAsync(Venues.Limit("rest-1")));
        Assert.Equal(110072, duplicate.Code); // the venue's own refusal, as over REST
    }

    [Fact]
    public void DemoTradingHasNoOrderEntrySocket()
    {
        var e = Assert.Throws<InvalidParameterException>(() => new BybitTradeSocket(new BybitCredentials("k", "s"), new BybitTradingOptions { Environment = BybitEnvironment.Demo }));
        Assert.Equal("order-entry", e.Parameter);
        Assert.Equal(new Uri("wss://stream.bybit.com/v5/trade"), BybitEnvironment.Mainnet.TradeStream);
        Assert.Equal(new Uri("wss://stream-testnet.bybit.com/v5/trade"), BybitEnvironment.Testnet.TradeStream);
    }

    [Fact]
    public async Task TheWireAnswersAuthPingAndRefusalsWithBybitsCodes()
    {
        await using LocalVenue venue = await Venues.StartAsync(Venues.Quiet);
        using var ws = new ClientWebSocket();
        await ws.ConnectAsync(venue.Environment.TradeStream!, CancellationToken.None);

        JsonElement early = await Ask(ws, new { reqId = "a1", header = Header(Now()), op = "order.create", args = new[] { Order("early") } });
        Assert.Equal((10003, "a1", "order.create"), (Code(early), early.GetProperty("reqId").GetString(), early.GetProperty("op").GetString()));

        long expires = Now() + 10_000;
        JsonElement badSign = await Ask(ws, new { op = "auth", args = new object[] { venue.Credentials.ApiKey, expires, new string('0', 64) } });
        Assert.Equal(10004, Code(badSign));
        Assert.False(badSign.TryGetProperty("reqId", out _)); // none asked, none returned

        JsonElement auth = await Ask(ws, new { reqId = "a2", op = "auth", args = new object[] { venue.Credentials.ApiKey, expires, BybitSigner.SignWebSocketAuth(venue.Credentials, expires) } });
        Assert.Equal((0, "OK", "auth"), (Code(auth), auth.GetProperty("retMsg").GetString(), auth.GetProperty("op").GetString()));
        Assert.False(string.IsNullOrEmpty(auth.GetProperty("connId").GetString()));
        Assert.Equal(20001, Code(await Ask(ws, new { reqId = "a3", op = "auth", args = new object[] { venue.Credentials.ApiKey, expires, BybitSigner.SignWebSocketAuth(venue.Credentials, expires) } })));

        JsonElement pong = await Ask(ws, new { op = "ping" });
        Assert.Equal("pong", pong.GetProperty("op").GetString());
        Assert.InRange(long.Parse(pong.GetProperty("data")[0].GetString()!, CultureInfo.InvariantCulture), expires - 20_000, expires);

        JsonElement created = await Ask(ws, new { reqId = "c1", header = Header(Now()), op = "order.create", args = new[] { Order("wire-1") } });
        Assert.Equal(0, Code(created));
        Assert.Equal("wire-1", created.GetProperty("data").GetProperty("orderLinkId").GetString());
        JsonElement header = created.GetProperty("header");
        Assert.Equal(("10", "9"), (header.GetProperty("X-Bapi-Limit").GetString(), header.GetProperty("X-Bapi-Limit-Status").GetString()));
        Assert.True(header.TryGetProperty("Timenow", out _) && header.TryGetProperty("Traceid", out _));
        Assert.Equal(JsonValueKind.Object, created.GetProperty("retExtInfo").ValueKind);

        Assert.Equal(20006, Code(await Ask(ws, new { reqId = "c1", header = Header(Now()), op = "order.create", args = new[] { Order("wire-2") } })));
        Assert.Equal(10002, Code(await Ask(ws, new { reqId = "c2", header = Header(Now() - 60_000), op = "order.create", args = new[] { Order("wire-3") } })));
        Assert.Equal(10404, Code(await Ask(ws, new { reqId = "c3", header = Header(Now()), op = "order.teleport", args = new[] { Order("wire-4") } })));
        Assert.Equal(["wire-1"], (await venue.StateAsync()).OpenOrders.Select(o => o.OrderLinkId));
    }

    private static Dictionary<string, string> Header(long timestamp) => new() { ["X-BAPI-TIMESTAMP"] = timestamp.ToString(CultureInfo.InvariantCulture), ["X-BAPI-RECV-WINDOW"] = "5000" };

    private static object Order(string linkId) => new { category = "linear", symbol = "SIMUSDT", side = "Buy", orderType = "Limit", qty = "1", price = "95", timeInForce = "GTC", orderLinkId = linkId };

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static int Code(JsonElement answer) => answer.GetProperty("retCode").GetInt32();

    private static async Task<JsonElement> Ask(ClientWebSocket ws, object request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await ws.SendAsync(JsonSerializer.SerializeToUtf8Bytes(request), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[64 * 1024];
        int length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await ws.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            length += result.Count;
        }
        while (!result.EndOfMessage);

        return JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, length)).RootElement.Clone();
    }
}
