using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketMaking.Cli.Tests;

/// <summary>
/// A Bybit on 127.0.0.1 that lists SIMUSDT (tick 0.1, lot 0.001) and whose public stream accepts the
/// first <c>accepted</c> subscriptions (each answered with a book snapshot (u 1), a trade, then a delta
/// that skips updates (u 5), so the recorder's feed resubscribes the book) and refuses the rest as
/// Bybit refuses one. Accepting none refuses the recording before any data.
/// </summary>
internal sealed class SubscriptionRefusingBybit : IAsyncDisposable
{
    public const string Refusal = "error:handler not found,topic:orderbook.50.SIMUSDT";

    private const string Instrument = """{"retCode":0,"retMsg":"OK","result":{"category":"linear","list":[{"symbol":"SIMUSDT","priceFilter":{"tickSize":"0.1"},"lotSizeFilter":{"qtyStep":"0.001"}}]},"retExtInfo":{},"time":1672025956592}""";
    public const string Snapshot = """{"topic":"orderbook.50.SIMUSDT","type":"snapshot","ts":1672304484979,"data":{"s":"SIMUSDT","b":[["100.0","1.000"]],"a":[["100.5","1.000"]],"u":1,"seq":1},"cts":1672304484977}""";
    public const string Trade = """{"topic":"publicTrade.SIMUSDT","type":"snapshot","ts":1672304486868,"data":[{"T":1672304486865,"s":"SIMUSDT","S":"Sell","v":"0.500","p":"100.0","L":"PlusTick","i":"20f43950-d8dd-5b31-9112-a178eb6023af","BT":false,"seq":2}]}""";
    private const string Gap = """{"topic":"orderbook.50.SIMUSDT","type":"delta","ts":1672304486900,"data":{"s":"SIMUSDT","b":[["100.1","1.000"]],"a":[],"u":5,"seq":5},"cts":1672304486899}""";

    private readonly WebApplication _app;
    private readonly int _accepted;

    private SubscriptionRefusingBybit(WebApplication app, int accepted)
    {
        _app = app;
        _accepted = accepted;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<SubscriptionRefusingBybit> StartAsync(int accepted = 1)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.UseWebSockets();
        var server = new SubscriptionRefusingBybit(app, accepted);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path == "/v5/market/instruments-info")
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Instrument);
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 404;
            return;
        }

        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[64 * 1024];
        int subscriptions = 0;
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                WebSocketReceiveResult received = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                using JsonDocument message = JsonDocument.Parse(buffer.AsMemory(0, received.Count));
                string op = message.RootElement.GetProperty("op").GetString()!;
                string? refusal = op == "subscribe" && ++subscriptions > _accepted ? Refusal : null;
                await SendAsync(socket, JsonSerializer.Serialize(new { success = refusal is null, ret_msg = refusal ?? "", conn_id = "test", req_id = "", op }));
                if (op == "subscribe" && refusal is null)
                {
                    await SendAsync(socket, Snapshot);
                    await SendAsync(socket, Trade);
                    await SendAsync(socket, Gap);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The recorder left.
        }
    }

    private static Task SendAsync(WebSocket socket, string message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None);
}
