using MarketMaking.Core.Errors;
using MarketMaking.Core.Risk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketMaking.Dashboard;

/// <summary>
/// The dashboard of a multi-instrument session: one tab per instrument — the one-instrument page,
/// served by its own <see cref="DashboardServer"/> (charts, /metrics, actions) on a free port of the
/// same host, all with one action token — and a portfolio tab served here (<c>/</c>,
/// <c>/api/portfolio</c>): positions, notional and PnL per instrument and in total, and the
/// portfolio limits with the room left; its pause, resume and kill (<c>POST /api/…</c>, with the
/// token) act on every instrument at once. Here too, <c>/metrics</c>: every instrument's figures,
/// labelled by symbol, and the portfolio's. Live or from the instruments' journals.
/// </summary>
public sealed class PortfolioDashboard : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<DashboardServer> _servers;
    private readonly List<(string Symbol, Uri Url, ISessionFeed Feed)> _instruments = [];
    private readonly PortfolioRiskLimits? _limits;
    private readonly PortfolioMetrics _metrics;

    private PortfolioDashboard(WebApplication app, List<DashboardServer> servers, PortfolioRiskLimits? limits, string token, PortfolioMetrics metrics)
    {
        _app = app;
        _servers = servers;
        _limits = limits;
        Token = token;
        _metrics = metrics;
    }

    /// <summary>The portfolio page (http://HOST:PORT/).</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The action token every instrument's page takes.</summary>
    public string Token { get; }

    /// <summary>Each instrument's own dashboard, in order.</summary>
    public IReadOnlyList<DashboardServer> Instruments => _servers;

    /// <summary>Starts the instruments' pages and the portfolio page on <paramref name="listen"/>; <paramref name="limits"/> null when unknown (from journals).</summary>
    public static async Task<PortfolioDashboard> StartAsync(IReadOnlyList<(string Symbol, ISessionFeed Feed)> instruments, PortfolioRiskLimits? limits, ListenAddress listen, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(listen);
        string token = ActionToken.New();
        var servers = new List<DashboardServer>(instruments.Count);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(listen.Address, listen.Port));
        WebApplication app = builder.Build();
        var metrics = new PortfolioMetrics(instruments.Select(i => i.Symbol));
        var dashboard = new PortfolioDashboard(app, servers, limits, token, metrics);
        try
        {
            for (int i = 0; i < instruments.Count; i++)
            {
                (string symbol, ISessionFeed feed) = instruments[i];
                DashboardServer server = await DashboardServer.StartAsync(feed, listen with { Port = 0 }, token, metrics.Instruments[i], cancellationToken).ConfigureAwait(false);
                servers.Add(server);
                dashboard._instruments.Add((symbol, server.Url, feed));
            }

            app.Run(dashboard.HandleAsync);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await dashboard.DisposeAsync().ConfigureAwait(false);
            throw new TradingException($"the dashboard cannot listen on {listen}: {e.Message}", e);
        }

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        dashboard.Url = new Uri(address.EndsWith('/') ? address : address + "/");
        return dashboard;
    }

    /// <summary>The portfolio's figures now.</summary>
    public PortfolioView View() => PortfolioView.From(_instruments, _limits);

    public async ValueTask DisposeAsync()
    {
        foreach (DashboardServer server in _servers)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(grace.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "/";
        bool post = HttpMethods.IsPost(context.Request.Method);
        if (path is "/api/pause" or "/api/resume" or "/api/kill" && post)
        {
            // From the portfolio tab an action reaches every instrument: a kill stops the whole book.
            await DashboardActions.ApplyAsync(context, Token, [.. _instruments.Select(i => i.Feed)], path["/api/".Length..]).ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        switch (path)
        {
            case "/" or "/portfolio.html":
                await DashboardServer.AssetAsync(context, "portfolio.html").ConfigureAwait(false);
                break;
            case "/metrics":
                _metrics.Update(View(), _limits);
                await DashboardServer.MetricsAsync(context, _metrics.Registry).ConfigureAwait(false);
                break;
            case "/api/portfolio":
                context.Response.ContentType = "application/json; charset=utf-8";
                context.Response.Headers.CacheControl = "no-store";
                await context.Response.WriteAsync(DashboardJson.Serialize(View())).ConfigureAwait(false);
                break;
            default:
                if (path.StartsWith("/assets/", StringComparison.Ordinal))
                {
                    await DashboardServer.AssetAsync(context, path["/assets/".Length..]).ConfigureAwait(false);
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                }

                break;
        }
    }
}
