using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketMaking.Data.Tests.Bybit;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (ephemeral port) speaking Bybit V5: REST routes that tests fill
/// (the documented examples or faults) and public streams at <c>/v5/public/{category}</c> whose every
/// connection runs <see cref="Stream"/>. It answers pings and subscriptions as Bybit does.
/// </summary>
internal sealed class BybitTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new();
    private readonly ConcurrentDictionary<string, int> _hits = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly ConcurrentQueue<Exception> _scriptFailures = new();
    private int _connections;
    private int _pings;

    private BybitTestServer(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The script of each stream connection; the connection stays open until the client leaves or the script drops it.</summary>
    public Func<TestSocket, Task> Stream { get; set; } = _ => Task.CompletedTask;

    /// <summary>When set, subscriptions are refused with this message.</summary>
    public string? RefuseSubscriptions { get; set; }

    /// <summary>When set, private-stream auth requests are refused with this message.</summary>
    public string? RefuseAuth { get; set; }

    /// <summary>False to ignore pings (a half-open connection).</summary>
    public bool AnswerPings { get; set; } = true;

    public int Connections => Volatile.Read(ref _connections);

    public int Pings => Volatile.Read(ref _pings);

    public static async Task<BybitTestServer> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var server = new BybitTestServer(app);
        app.UseWebSockets();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    /// <summary>Serves GET <paramref name="path"/> with <paramref name="handler"/>.</summary>
    public void Get(string path, Func<HttpContext, Task> handler) => _routes[path] = handler;

    /// <summary>Serves POST <paramref name="path"/> with <paramref name="handler"/>.</summary>
    public void Post(string path, Func<HttpContext, Task> handler) => _routes[path] = handler;

    /// <summary>Requests received for <paramref name="path"/>.</summary>
    public int Hits(string path) => _hits.GetValueOrDefault(path);

    /// <summary>
    /// Serves every documented REST example at its documented request: a request whose query holds all
    /// the documented parameters gets the documented response; any other gets Bybit's retCode 10001. A
    /// file with several documents serves each further one for the symbol it describes.
    /// </summary>
    public void ServeDocumentedExamples()
    {
        var examples = new List<(string Path, Dictionary<string, string> Query, string Body)>();
        foreach (string request in Directory.GetFiles(DocumentedExamples.Folder!, "rest_*__request-example*.http.txt"))
        {
            string line = File.ReadLines(request).First();
            var target = new Uri(new Uri("http://example"), line.Split(' ')[1]);
            Dictionary<string, string> query = ParseQuery(target.Query);
            string response = Path.GetFileName(request).Replace("__request-example", "__response-example", StringComparison.Ordinal).Replace(".http.txt", ".json", StringComparison.Ordinal);
            IReadOnlyList<string> documents = DocumentedExamples.Load(response);
            examples.Add((target.AbsolutePath, query, documents[0]));
            foreach (string document in documents.Skip(1))
            {
                using JsonDocument parsed = JsonDocument.Parse(document);
                string symbol = parsed.RootElement.GetProperty("result").GetProperty("list")[0].GetProperty("symbol").GetString()!;
                examples.Add((target.AbsolutePath, new Dictionary<string, string>(query) { ["symbol"] = symbol }, document));
            }
        }

        foreach (IGrouping<string, (string Path, Dictionary<string, string> Query, string Body)> route in examples.GroupBy(e => e.Path))
        {
            Get(route.Key, context =>
            {
                Dictionary<string, string> asked = ParseQuery(context.Request.QueryString.Value ?? "");
                foreach ((_, Dictionary<string, string> query, string body) in route)
                {
                    if (query.All(p => asked.TryGetValue(p.Key, out string? value) && value == p.Value))
                    {
                        return Json(context, body);
                    }
                }

                return Json(context, BybitPayloads.Error(10001, "params error: not the documented request"));
            });
        }
    }

    public static Task Json(HttpContext context, string body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
        _closing.Dispose();
        if (_scriptFailures.TryDequeue(out Exception? failure))
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "";
        bool isPrivate = path == "/v5/private";
        if (context.WebSockets.IsWebSocketRequest && (isPrivate || path.StartsWith("/v5/public/", StringComparison.Ordinal)))
        {
            WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
            using var connection = new TestSocket(this, context, socket, Interlocked.Increment(ref _connections) - 1, isPrivate ? "private" : path["/v5/public/".Length..]);
            Task listening = connection.ListenAsync(_closing.Token);
            try
            {
                await Stream(connection);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client left while the script was talking.
            }
            catch (Exception e)
            {
                // An assertion in a script: the test fails when the server is disposed.
                _scriptFailures.Enqueue(e);
                throw;
            }

            await listening;
            return;
        }

        _hits.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (_routes.TryGetValue(path, out Func<HttpContext, Task>? handler))
        {
            await handler(context);
        }
        else
        {
            context.Response.StatusCode = 404;
        }
    }

    private static Dictionary<string, string> ParseQuery(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "");

    /// <summary>The server's side of one stream connection.</summary>
    internal sealed class TestSocket : IDisposable
    {
        private readonly BybitTestServer _server;
        private readonly HttpContext _context;
        private readonly WebSocket _socket;
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private readonly System.Threading.Channels.Channel<(string Op, string[] Args)> _operations = System.Threading.Channels.Channel.CreateUnbounded<(string, string[])>();

        public TestSocket(BybitTestServer server, HttpContext context, WebSocket socket, int index, string category)
        {
            _server = server;
            _context = context;
            _socket = socket;
            Index = index;
            Category = category;
        }

        /// <summary>0 for the first connection of the server, 1 for the next, ...</summary>
        public int Index { get; }

        public string Category { get; }

        /// <summary>Waits for the client's next auth, subscribe or unsubscribe and returns its arguments.</summary>
        public async Task<string[]> ExpectAsync(string op)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            (string Op, string[] Args) next = await _operations.Reader.ReadAsync(timeout.Token);
            Assert.Equal(op, next.Op);
            return next.Args;
        }

        public async Task SendAsync(string message)
        {
            await _sendLock.WaitAsync();
            try
            {
                await _socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None);
            }
            finally
            {
                _sendLock.Release();
            }
        }

        public void Dispose() => _sendLock.Dispose();

        /// <summary>Cuts the TCP connection without a close handshake, as a network failure does.</summary>
        public void Drop() => _context.Abort();

        public async Task ListenAsync(CancellationToken closing)
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (_socket.State == WebSocketState.Open)
                {
                    WebSocketReceiveResult result = await _socket.ReceiveAsync(buffer, closing);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    using JsonDocument message = JsonDocument.Parse(buffer.AsMemory(0, result.Count));
                    string op = message.RootElement.GetProperty("op").GetString()!;
                    if (op == "ping")
                    {
                        Interlocked.Increment(ref _server._pings);
                        if (_server.AnswerPings)
                        {
                            await SendAsync("""{"success":true,"ret_msg":"pong","conn_id":"test","req_id":"","op":"ping"}""");
                        }

                        continue;
                    }

                    string[] args = [.. message.RootElement.GetProperty("args").EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? a.GetString()! : a.GetRawText())];
                    string? refusal = op switch
                    {
                        "subscribe" => _server.RefuseSubscriptions,
                        "auth" => _server.RefuseAuth,
                        _ => null,
                    };
                    await SendAsync(JsonSerializer.Serialize(new { success = refusal is null, ret_msg = refusal ?? "", conn_id = "test", req_id = "", op }));
                    await _operations.Writer.WriteAsync((op, args), closing);
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
            {
                // Dropped, or the server is closing.
            }
        }
    }
}
