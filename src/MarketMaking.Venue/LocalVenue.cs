using MarketMaking.Core.Errors;
using MarketMaking.Core.Files;
using MarketMaking.Core.Randomness;
using MarketMaking.Data.Bybit;
using MarketMaking.Data.Bybit.Trading;
using MarketMaking.Venue.Exchange;
using MarketMaking.Venue.Faults;
using MarketMaking.Venue.Http;
using MarketMaking.Venue.Markets;
using MarketMaking.Venue.Streams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketMaking.Venue;

/// <summary>
/// A local exchange that speaks Bybit V5 over the project's own markets: Kestrel on 127.0.0.1
/// serving Bybit's public REST and stream (<c>/v5/public/linear</c>), its signed private REST and
/// private stream (<c>/v5/private</c>) for one test account, and the venue's own
/// <c>/venue/state</c> and <c>/venue/faults</c>. The market runs on its own thread,
/// <see cref="VenueSettings.Speed"/> times faster than the wall clock. The trading client cannot
/// tell it from Bybit: point <see cref="BybitEnvironment.Local"/> at <see cref="Url"/>.
/// </summary>
public sealed class LocalVenue : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly VenueLoop _loop;
    private readonly RestEndpoints _rest;
    private readonly TradeStreamEndpoint _trade;
    private readonly CancellationTokenSource _stopping;
    private int _stopped;

    private LocalVenue(WebApplication app, VenueLoop loop, RestEndpoints rest, TradeStreamEndpoint trade, CancellationTokenSource stopping, BybitCredentials credentials, string secret, FaultInjector faults, VenueSettings settings)
    {
        _app = app;
        _loop = loop;
        _rest = rest;
        _trade = trade;
        _stopping = stopping;
        Credentials = credentials;
        ApiSecret = secret;
        Faults = faults;
        Settings = settings;
    }

    /// <summary>Where it listens: <c>http://127.0.0.1:PORT/</c> (REST; the streams are at ws:// on the same port).</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The environment a trading client uses to reach it.</summary>
    public BybitEnvironment Environment => BybitEnvironment.Local(Url);

    /// <summary>The test account's key and secret.</summary>
    public BybitCredentials Credentials { get; }

    public string ApiKey => Credentials.ApiKey;

    /// <summary>The test account's secret (a local test key: printed at start so clients can sign).</summary>
    public string ApiSecret { get; }

    /// <summary>
    /// Writes the test account's key and secret to <paramref name="path"/> (its folder made), readable by
    /// its owner only, in the form <c>mm trade --credentials</c> reads (<c>BYBIT_API_KEY=…</c>, <c>BYBIT_API_SECRET=…</c>).
    /// </summary>
    /// <exception cref="OutputException">The file cannot be written.</exception>
    public void WriteCredentials(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            OutputFolder.CreateFor(path);

            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(path, options))
            {
                writer.Write($"{BybitCredentials.KeyVariable}={ApiKey}\n{BybitCredentials.SecretVariable}={ApiSecret}\n");
            }

            if (!OperatingSystem.IsWindows())
            {
                // A file that was there keeps its mode on Create: narrow it too.
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(path, e.Message);
        }
    }

    public FaultInjector Faults { get; }

    public VenueSettings Settings { get; }

    /// <summary>Private REST requests answered so far.</summary>
    public long PrivateRequests => _rest.PrivateRequests;

    /// <summary>Order requests (create, amend, cancel) answered over the WebSocket order entry so far.</summary>
    public long OrderEntryRequests => _trade.OrderRequests;

    /// <summary>Starts the venue listing <see cref="VenueSettings.Symbol"/> over <paramref name="market"/>; fault lines go to <paramref name="faultLog"/> (none when null).</summary>
    public static Task<LocalVenue> StartAsync(IVenueMarket market, VenueSettings settings, TextWriter? faultLog = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(settings);
        return StartAsync([(settings.Symbol, market)], settings, faultLog, cancellationToken);
    }

    /// <summary>
    /// Starts the venue listing several instruments, each over its own market (its own book), all on
    /// one account and one clock; <see cref="VenueSettings.Symbol"/> is not used. Fault lines go to
    /// <paramref name="faultLog"/> (none when null).
    /// </summary>
    public static async Task<LocalVenue> StartAsync(IReadOnlyList<(string Symbol, IVenueMarket Market)> instruments, VenueSettings settings, TextWriter? faultLog = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        settings = (settings ?? throw new ArgumentNullException(nameof(settings))).Validate();
        VenueSettings.ValidateSymbols(instruments.Select(i => i.Symbol).ToList());
        (string key, string secret) = TestKey(settings.Seed);
        var credentials = new BybitCredentials(key, secret);

        VenueClock? clock = null;
        var faults = new FaultInjector(settings.Faults, settings.Seed, faultLog, () => clock?.Elapsed ?? TimeSpan.Zero);
        clock = new VenueClock(settings.Speed, instruments[0].Market.Time, faults);
        var hub = new StreamHub(faults, clock);
        var loop = new VenueLoop(clock, faults);
        var ledger = new VenueLedger(settings);
        var listed = new List<VenueInstrument>(instruments.Count);
        foreach ((string symbol, IVenueMarket market) in instruments)
        {
            var data = new PublicMarketData(market, symbol, listed.Count, settings.Seed, clock, faults, hub);
            listed.Add(new VenueInstrument(symbol, market, data, new VenueExchange(market, symbol, settings, ledger, clock, faults, hub, data)));
        }

        loop.Instruments = listed;
        loop.Public = [.. listed.Select(i => i.Public)];
        loop.Account = new AccountRequests(ledger);
        loop.Hub = hub;
        var authenticator = new RequestAuthenticator(credentials, clock);
        var limiter = new RateLimiter(settings.RateLimits, faults);
        var rest = new RestEndpoints(loop, clock, authenticator, limiter, faults);
        var streams = new StreamEndpoints(loop, hub, clock, authenticator);
        var trade = new TradeStreamEndpoint(rest, clock, authenticator, limiter, hub, faults);
        var stopping = new CancellationTokenSource();

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        app.Urls.Add($"http://127.0.0.1:{settings.Port}");
        app.UseWebSockets();
        app.Run(context => Handle(context, rest, streams, trade, stopping.Token));
        var venue = new LocalVenue(app, loop, rest, trade, stopping, credentials, secret, faults, settings);
        loop.Start();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            // A port in use: one line, as the dashboard says it, not Kestrel's stack trace.
            loop.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw new TradingException($"the venue cannot listen on 127.0.0.1:{settings.Port}: {e.Message}", e);
        }
        catch
        {
            loop.Dispose();
            throw;
        }

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        venue.Url = new Uri(address.EndsWith('/') ? address : address + "/");
        return venue;
    }

    /// <summary>The first instrument's public market data (for tests).</summary>
    internal PublicMarketData PublicData => _loop.Instruments[0].Public;

    /// <summary>The public market data of <paramref name="symbol"/> (for tests).</summary>
    internal PublicMarketData PublicDataOf(string symbol) => (_loop.Find(symbol) ?? throw new ArgumentException($"the venue does not list {symbol}", nameof(symbol))).Public;

    /// <summary>The symbols listed, in order.</summary>
    public IReadOnlyList<string> Symbols => [.. _loop.Instruments.Select(i => i.Symbol)];

    /// <summary>Runs <paramref name="work"/> on the market thread (for tests).</summary>
    internal Task<T> OnMarketThread<T>(Func<T> work) => _loop.Run(work);

    /// <summary>The venue's own view of the account in the first instrument (as GET /venue/state answers).</summary>
    public Task<VenueState> StateAsync() => _loop.Run(() => _loop.Instruments[0].Exchange.State());

    /// <summary>The venue's own view of the account in <paramref name="symbol"/> (as GET /venue/state?symbol= answers).</summary>
    public Task<VenueState> StateAsync(string symbol) => _loop.Run(() => (_loop.Find(symbol) ?? throw new ArgumentException($"the venue does not list {symbol}", nameof(symbol))).Exchange.State());

    /// <summary>Stops serving (open streams are cut) and stops the market.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(grace.Token).ConfigureAwait(false);
        _loop.Stop();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _loop.Dispose();
        _stopping.Dispose();
    }

    /// <summary>An 18-character key and 36-character secret, as Bybit's are, drawn from the seed.</summary>
    internal static (string Key, string Secret) TestKey(ulong seed)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var random = new ScalarRandom(seed, 4_000_000);
        char[] key = new char[18];
        char[] secret = new char[36];
        for (int i = 0; i < key.Length; i++)
        {
            key[i] = alphabet[random.NextInt(alphabet.Length)];
        }

        for (int i = 0; i < secret.Length; i++)
        {
            secret[i] = alphabet[random.NextInt(alphabet.Length)];
        }

        return (new string(key), new string(secret));
    }

    private static async Task Handle(HttpContext context, RestEndpoints rest, StreamEndpoints streams, TradeStreamEndpoint trade, CancellationToken stopping)
    {
        try
        {
            if (StreamEndpoints.Handles(context))
            {
                await streams.HandleAsync(context, stopping).ConfigureAwait(false);
            }
            else if (TradeStreamEndpoint.Handles(context))
            {
                await trade.HandleAsync(context, stopping).ConfigureAwait(false);
            }
            else
            {
                await rest.HandleAsync(context, stopping).ConfigureAwait(false);
            }
        }
        catch (ObjectDisposedException) when (!context.Response.HasStarted)
        {
            // The market thread has stopped: the venue is going away.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
    }
}
