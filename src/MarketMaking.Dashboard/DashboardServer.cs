using System.Collections.Concurrent;
using System.Reflection;
using System.Threading.Channels;
using MarketMaking.Core.Errors;
using MarketMaking.Trading.Monitoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace MarketMaking.Dashboard;

/// <summary>
/// The dashboard: Kestrel serving the page (and the charting library, embedded: it works offline),
/// <c>/api/history</c> (everything so far), <c>/api/stream</c> (Server-Sent Events, one per snapshot,
/// up to ten a second), <c>/api/pause</c>, <c>/api/resume</c> and <c>/api/kill</c> (POST, with the
/// action token in the <c>X-Mm-Token</c> header; refused with 403 without it) and <c>/metrics</c>
/// (Prometheus' text format). A poller on the web side reads the session's latest snapshot every
/// 100 ms: the session itself never waits for the dashboard.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    private readonly WebApplication _app;
    private readonly ISessionFeed _feed;
    private readonly DashboardHistory _history;
    private readonly DashboardMetrics _metrics = new();
    private readonly DashboardMetrics? _portfolioMetrics;
    private readonly ConcurrentDictionary<int, Channel<string>> _clients = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _metricsLock = new();
    private Task _poller = Task.CompletedTask;
    private int _nextClient;
    private int _stopped;

    private DashboardServer(WebApplication app, ISessionFeed feed, string token, DashboardMetrics? portfolioMetrics)
    {
        _app = app;
        _feed = feed;
        Token = token;
        _portfolioMetrics = portfolioMetrics;
        _history = feed.Recorded ?? new DashboardHistory();
    }

    /// <summary>The page's address (http://HOST:PORT/).</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The action token (pause, resume, kill).</summary>
    public string Token { get; }

    /// <summary>Updates pushed to pages so far.</summary>
    public long Pushed { get; private set; }

    /// <summary>Starts serving <paramref name="feed"/> on <paramref name="listen"/> with <paramref name="token"/> (a new one when null).</summary>
    public static Task<DashboardServer> StartAsync(ISessionFeed feed, ListenAddress listen, string? token = null, CancellationToken cancellationToken = default) =>
        StartAsync(feed, listen, token, null, cancellationToken);

    /// <summary>As the public one; the poller also sets <paramref name="portfolioMetrics"/>, the instrument's figures on the portfolio's <c>/metrics</c>.</summary>
    internal static async Task<DashboardServer> StartAsync(ISessionFeed feed, ListenAddress listen, string? token, DashboardMetrics? portfolioMetrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(listen);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(listen.Address, listen.Port));
        WebApplication app = builder.Build();
        var server = new DashboardServer(app, feed, token ?? ActionToken.New(), portfolioMetrics);
        app.Run(server.HandleAsync);
        if (feed.Recorded is { } recorded)
        {
            (HistoryPoint[] points, MonitorFill[] fills, MonitorEvent[] events, SessionSnapshot? final) = recorded.Copy();
            if (final is not null)
            {
                var last = new DashboardUpdate(final, points.Length > 0 ? points[^1] : HistoryPoint.From(final), fills, events);
                server._metrics.Update(feed, final, last, final.Time);
                portfolioMetrics?.Update(feed, final, last, final.Time);
            }
        }

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new TradingException($"the dashboard cannot listen on {listen}: {e.Message}", e);
        }

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address.EndsWith('/') ? address : address + "/");
        if (feed.IsLive)
        {
            server._poller = server.PollAsync(server._stopping.Token);
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _poller.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (Channel<string> client in _clients.Values)
        {
            client.Writer.TryComplete();
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(grace.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static long Now() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;

    private async Task PollAsync(CancellationToken token)
    {
        using var timer = new PeriodicTimer(PollEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
            {
                Poll();
            }
        }
        catch (OperationCanceledException)
        {
            // The server is stopping.
        }
    }

    /// <summary>Takes the session's latest snapshot: history, metrics, and one pushed update when it is new.</summary>
    internal void Poll()
    {
        if (_feed.Latest is not { } snapshot)
        {
            return;
        }

        DashboardUpdate? update = _history.Append(snapshot);
        lock (_metricsLock)
        {
            long now = Now();
            _metrics.Update(_feed, snapshot, update, now);
            _portfolioMetrics?.Update(_feed, snapshot, update, now);
        }

        if (update is null)
        {
            return;
        }

        string json = DashboardJson.Serialize(update);
        foreach (Channel<string> client in _clients.Values)
        {
            client.Writer.TryWrite(json);
        }

        Pushed++;
    }

    private async Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "/";
        bool get = HttpMethods.IsGet(context.Request.Method);
        bool post = HttpMethods.IsPost(context.Request.Method);
        switch (path)
        {
            case "/" or "/index.html" when get:
                await AssetAsync(context, "index.html").ConfigureAwait(false);
                break;
            case "/api/history" when get:
                await HistoryAsync(context).ConfigureAwait(false);
                break;
            case "/api/stream" when get:
                await StreamAsync(context).ConfigureAwait(false);
                break;
            case "/metrics" when get:
                await MetricsAsync(context, _metrics.Registry).ConfigureAwait(false);
                break;
            case "/api/pause" or "/api/resume" or "/api/kill" when post:
                await ActionAsync(context, path["/api/".Length..]).ConfigureAwait(false);
                break;
            case "/api/pause" or "/api/resume" or "/api/kill":
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                break;
            default:
                if (get && path.StartsWith("/assets/", StringComparison.Ordinal))
                {
                    await AssetAsync(context, path["/assets/".Length..]).ConfigureAwait(false);
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                }

                break;
        }
    }

    internal static async Task AssetAsync(HttpContext context, string name)
    {
        using Stream? asset = name.Contains('/', StringComparison.Ordinal) ? null : Assembly.GetExecutingAssembly().GetManifestResourceStream("wwwroot/" + name);
        if (asset is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "text/plain; charset=utf-8",
        };
        context.Response.Headers.CacheControl = "no-cache";
        await asset.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task HistoryAsync(HttpContext context)
    {
        (HistoryPoint[] points, MonitorFill[] fills, MonitorEvent[] events, SessionSnapshot? latest) = _history.Copy();
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(DashboardJson.Serialize(new { Live = _feed.IsLive, _feed.Info, Snapshot = latest, Points = points, Fills = fills, Events = events }), context.RequestAborted).ConfigureAwait(false);
    }

    private async Task StreamAsync(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(32) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        int id = Interlocked.Increment(ref _nextClient);
        _clients[id] = channel;
        using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await context.Response.WriteAsync(": connected\n\n", both.Token).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(both.Token).ConfigureAwait(false);
            await foreach (string json in channel.Reader.ReadAllAsync(both.Token).ConfigureAwait(false))
            {
                await context.Response.WriteAsync("data: " + json + "\n\n", both.Token).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(both.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away, or the server is stopping.
        }
        finally
        {
            _clients.TryRemove(id, out _);
        }
    }

    /// <summary>Answers with <paramref name="registry"/> in Prometheus' text format.</summary>
    internal static async Task MetricsAsync(HttpContext context, CollectorRegistry registry)
    {
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        using var text = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(text, context.RequestAborted).ConfigureAwait(false);
        text.Position = 0;
        await text.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private Task ActionAsync(HttpContext context, string action) => DashboardActions.ApplyAsync(context, Token, [_feed], action);
}
