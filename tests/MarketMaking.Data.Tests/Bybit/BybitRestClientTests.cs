using System.Diagnostics;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;
using Microsoft.AspNetCore.Http;

namespace MarketMaking.Data.Tests.Bybit;

public sealed class BybitRestClientTests : IAsyncLifetime
{
    private BybitTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BybitTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [SharedDataFact]
    public async Task InstrumentsInfoExampleBecomesAnInstrumentOnItsTickAndLotGrid()
    {
        _server.ServeDocumentedExamples();
        using BybitRestClient client = Client();

        Instrument btc = await client.GetInstrumentAsync(BybitCategory.Linear, "BTCUSDT");

        Assert.Equal("BTCUSDT", btc.Symbol);
        Assert.Equal(0.10, btc.TickSize);
        Assert.Equal(0.001, btc.LotSize);
    }

    [SharedDataFact]
    public async Task SecondInstrumentsInfoExampleIsThePreMarketContract()
    {
        _server.ServeDocumentedExamples();
        using BybitRestClient client = Client();

        Instrument bio = await client.GetInstrumentAsync(BybitCategory.Linear, "BIOUSDT");

        Assert.Equal(0.0001, bio.TickSize);
        Assert.Equal(1, bio.LotSize);
    }

    [SharedDataFact]
    public async Task SpotInstrumentTakesItsLotFromBasePrecision()
    {
        _server.ServeDocumentedExamples();
        using BybitRestClient client = Client();

        Instrument spot = await client.GetInstrumentAsync(BybitCategory.Spot, "BTCUSDT");

        Assert.Equal(0.1, spot.TickSize);
        Assert.Equal(0.000001, spot.LotSize);
    }

    [SharedDataFact]
    public async Task KlineExampleComesBackOldestFirstForTheDocumentedRequest()
    {
        _server.ServeDocumentedExamples();
        using BybitRestClient client = Client();

        List<BybitKline> bars = await Collect(client.GetKlinesAsync(
            BybitCategory.Inverse, "BTCUSD", BybitKlineInterval.Parse("60"),
            DateTimeOffset.FromUnixTimeMilliseconds(1670601600000), DateTimeOffset.FromUnixTimeMilliseconds(1670608800000)));

        Assert.Equal([1670601600000L, 1670605200000L, 1670608800000L], bars.Select(b => b.StartTime / 1_000_000));
        Assert.Equal(new BybitKline(1670601600000L * 1_000_000, 17086.5m, 17088m, 16978m, 17071.5m, 6356m, 0.37288112m), bars[0]);
        Assert.Equal(17055.5m, bars[2].Close);
    }

    [SharedDataFact]
    public async Task OrderBookExampleKeepsLevelsAndIds()
    {
        _server.ServeDocumentedExamples();
        using BybitRestClient client = Client();

        BybitOrderBookSnapshot book = await client.GetOrderBookAsync(BybitCategory.Spot, "BTCUSDT");

        Assert.Equal("BTCUSDT", book.Symbol);
        Assert.Equal([new BybitLevel(65485.47m, 47.081829m)], book.Bids);
        Assert.Equal([new BybitLevel(65557.7m, 16.606555m)], book.Asks);
        Assert.Equal(230704, book.UpdateId);
        Assert.Equal(1432604333, book.Sequence);
        Assert.Equal(1716863719031L * 1_000_000, book.Time);
        Assert.Equal(1716863718905L * 1_000_000, book.MatchingEngineTime);
    }

    [SharedDataFact]
    public async Task RecentTradeExampleCarriesTheAggressorSide()
    {
        _server.ServeDocumentedExamples();
        using BybitRestClient client = Client();

        IReadOnlyList<BybitTrade> trades = await client.GetRecentTradesAsync(BybitCategory.Spot, "BTCUSDT", limit: 1);

        BybitTrade trade = Assert.Single(trades);
        Assert.Equal(new BybitTrade(1672052955758L * 1_000_000, "BTCUSDT", Side.Buy, 16618.49m, 0.00012m, "2100000000007764263", false), trade);
    }

    [SharedDataFact]
    public async Task ServerTimeExampleIsInNanoseconds()
    {
        _server.ServeDocumentedExamples();
        using BybitRestClient client = Client();

        Assert.Equal(1688639403423213947, await client.GetServerTimeAsync());
    }

    [SharedDataFact]
    public async Task RequestOtherThanTheDocumentedOneIsRefusedByTheExampleServer()
    {
        _server.ServeDocumentedExamples();
        using BybitRestClient client = Client();

        var error = await Assert.ThrowsAsync<BybitApiException>(() => client.GetInstrumentAsync(BybitCategory.Linear, "ETHUSDT"));

        Assert.Equal(10001, error.Code);
    }

    [Fact]
    public async Task KlinePagesJoinIntoOneContiguousOldestFirstSeries()
    {
        // 2,500 one-minute bars: three 1,000-bar windows, each paged at most 400 bars at a time
        // (newest first), and every page also returns the bar just after its `end`, as an
        // inclusive boundary would: the client must still emit each bar once, in order.
        long first = DateTimeOffset.Parse("2024-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        long[] all = [.. Enumerable.Range(0, 2500).Select(i => first + i * 60_000L)];
        _server.Get("/v5/market/kline", context =>
        {
            long start = long.Parse(context.Request.Query["start"]!, System.Globalization.CultureInfo.InvariantCulture);
            long end = long.Parse(context.Request.Query["end"]!, System.Globalization.CultureInfo.InvariantCulture);
            int limit = int.Parse(context.Request.Query["limit"]!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(BybitRestClient.KlinePageLimit, limit);
            IEnumerable<long> page = all.Where(s => s >= start && s <= end + 60_000).OrderDescending().Take(400);
            return BybitTestServer.Json(context, BybitPayloads.Klines(page));
        });
        using BybitRestClient client = Client();
        var progress = new List<double>();

        List<BybitKline> bars = await Collect(client.GetKlinesAsync(
            BybitCategory.Linear, "BTCUSDT", BybitKlineInterval.Parse("1"),
            DateTimeOffset.FromUnixTimeMilliseconds(first), DateTimeOffset.FromUnixTimeMilliseconds(all[^1]), new InlineProgress(progress)));

        Assert.Equal(all, bars.Select(b => b.StartTime / 1_000_000));
        Assert.All(bars, b => Assert.Equal(decimal.Parse(BybitPayloads.Price(b.StartTime / 1_000_000), System.Globalization.CultureInfo.InvariantCulture), b.Open));
        Assert.True(_server.Hits("/v5/market/kline") >= 7, "each 1,000-bar window takes three 400-bar pages");
        Assert.Equal(progress.Order(), progress);
        Assert.Equal(1, progress[^1]);
    }

    [Fact]
    public async Task KlinePagingEndsWhereTheHistoryBegins()
    {
        long listed = 1_700_000_000_000;
        long[] all = [.. Enumerable.Range(0, 30).Select(i => listed + i * 60_000L)];
        _server.Get("/v5/market/kline", context =>
        {
            long start = long.Parse(context.Request.Query["start"]!, System.Globalization.CultureInfo.InvariantCulture);
            long end = long.Parse(context.Request.Query["end"]!, System.Globalization.CultureInfo.InvariantCulture);
            return BybitTestServer.Json(context, BybitPayloads.Klines(all.Where(s => s >= start && s <= end).OrderDescending().Take(10)));
        });
        using BybitRestClient client = Client();

        List<BybitKline> bars = await Collect(client.GetKlinesAsync(
            BybitCategory.Linear, "BTCUSDT", BybitKlineInterval.Parse("1"),
            DateTimeOffset.FromUnixTimeMilliseconds(listed - 500 * 60_000L), DateTimeOffset.FromUnixTimeMilliseconds(all[^1])));

        Assert.Equal(all, bars.Select(b => b.StartTime / 1_000_000));
    }

    [Fact]
    public async Task ASymbolBybitDoesNotListIsTheUsersMistakeExitCodeTwo()
    {
        // Bybit answers an unknown symbol with an empty list: the symbol is wrong, the exchange did not fail.
        _server.Get("/v5/market/instruments-info", context => BybitTestServer.Json(context, """{"retCode":0,"retMsg":"OK","result":{"category":"linear","list":[]}}"""));
        using BybitRestClient client = Client();

        var error = await Assert.ThrowsAsync<InvalidParameterException>(() => client.GetInstrumentAsync(BybitCategory.Linear, "NOSUCHUSDT"));

        Assert.Equal("invalid symbol: Bybit lists no instrument NOSUCHUSDT in category linear", error.Message);
        Assert.Equal(2, error.ExitCode);
    }

    [Fact]
    public async Task NonZeroRetCodeIsATypedErrorWithCodeAndMessage()
    {
        _server.Get("/v5/market/time", context => BybitTestServer.Json(context, BybitPayloads.Error(10001, "params error: symbol invalid")));
        using BybitRestClient client = Client();

        var error = await Assert.ThrowsAsync<BybitApiException>(() => client.GetServerTimeAsync());

        Assert.Equal(10001, error.Code);
        Assert.Equal("params error: symbol invalid", error.ExchangeMessage);
        Assert.Equal("Bybit GET /v5/market/time: error 10001: params error: symbol invalid", error.Message);
        Assert.IsAssignableFrom<MarketMakingException>(error);
        Assert.Equal(1, error.ExitCode);
        Assert.Equal(1, _server.Hits("/v5/market/time"));
    }

    [Fact]
    public async Task Http429IsRetriedOnceTheRateLimitResets()
    {
        RespondOnceThenTime(context =>
        {
            // 3 s ahead: still ahead when a loaded machine hands the client the answer late (a reset already past falls back to the backoff).
            context.Response.Headers["X-Bapi-Limit-Reset-Timestamp"] = DateTimeOffset.UtcNow.AddSeconds(3).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            return BybitTestServer.Json(context, "", 429);
        });
        // A backoff of an hour: an answer before the 60 s the test gives proves the client waited for the reset, not the backoff.
        using BybitRestClient client = Client(new BybitRestOptions { RetryDelay = TimeSpan.FromHours(1), MaxRetryDelay = TimeSpan.FromHours(1) });
        using var hung = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var clock = Stopwatch.StartNew();

        long time = await client.GetServerTimeAsync(hung.Token);

        Assert.Equal(1688639403423213947, time);
        Assert.True(clock.Elapsed.TotalSeconds >= 2.9, $"retried after {clock.Elapsed.TotalMilliseconds} ms, before the reset"); // a load only makes it later
        Assert.Equal(2, _server.Hits("/v5/market/time"));
    }

    [Fact]
    public async Task RateLimitRetCodeIsRetriedOnceTheRateLimitResets()
    {
        RespondOnceThenTime(context =>
        {
            context.Response.Headers["X-Bapi-Limit-Reset-Timestamp"] = DateTimeOffset.UtcNow.AddMilliseconds(200).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            return BybitTestServer.Json(context, BybitPayloads.Error(10006, "Too many visits!"));
        });
        using BybitRestClient client = Client(new BybitRestOptions { RetryDelay = TimeSpan.FromSeconds(20) });

        Assert.Equal(1688639403423213947, await client.GetServerTimeAsync());
        Assert.Equal(2, _server.Hits("/v5/market/time"));
    }

    [Fact]
    public async Task RateLimitThatNeverClearsEndsInATypedError()
    {
        _server.Get("/v5/market/time", context => BybitTestServer.Json(context, "", 429));
        using BybitRestClient client = Client(new BybitRestOptions { MaxRetries = 2, RetryDelay = TimeSpan.FromMilliseconds(10) });

        var error = await Assert.ThrowsAsync<BybitApiException>(() => client.GetServerTimeAsync());

        Assert.Equal(429, error.Code);
        Assert.Equal(3, _server.Hits("/v5/market/time"));
    }

    [Fact]
    public async Task ServerFaultIsRetried()
    {
        RespondOnceThenTime(context => BybitTestServer.Json(context, "", 503));
        using BybitRestClient client = Client(new BybitRestOptions { RetryDelay = TimeSpan.FromMilliseconds(10) });

        Assert.Equal(1688639403423213947, await client.GetServerTimeAsync());
        Assert.Equal(2, _server.Hits("/v5/market/time"));
    }

    [Fact]
    public async Task SlowResponseTimesOutWithAClearError()
    {
        _server.Get("/v5/market/time", async context =>
        {
            // Answered after a minute: a client that waited would get the time, not the error, however loaded the machine.
            await Task.Delay(TimeSpan.FromSeconds(60), context.RequestAborted);
            await BybitTestServer.Json(context, BybitPayloads.Time());
        });
        using BybitRestClient client = Client(new BybitRestOptions { Timeout = TimeSpan.FromMilliseconds(200) });

        var error = await Assert.ThrowsAsync<BybitConnectionException>(() => client.GetServerTimeAsync());

        Assert.Equal("Bybit GET /v5/market/time: timed out: no response within 0.2 s", error.Message);
        Assert.Equal(1, error.ExitCode);
        Assert.Equal(1, _server.Hits("/v5/market/time"));
    }

    [Fact]
    public async Task CancellationStopsARequest()
    {
        _server.Get("/v5/market/time", async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            await BybitTestServer.Json(context, BybitPayloads.Time());
        });
        using BybitRestClient client = Client();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetServerTimeAsync(cancel.Token));
    }

    [Fact]
    public async Task ResponseThatIsNotJsonIsAConnectionError()
    {
        _server.Get("/v5/market/time", context => BybitTestServer.Json(context, "<html>maintenance</html>"));
        using BybitRestClient client = Client();

        var error = await Assert.ThrowsAsync<BybitConnectionException>(() => client.GetServerTimeAsync());

        Assert.StartsWith("Bybit GET /v5/market/time: the response is not JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableServerIsAConnectionError()
    {
        var closed = _server.BaseUrl;
        await _server.DisposeAsync();
        _server = await BybitTestServer.StartAsync();
        using BybitRestClient client = new(new BybitRestOptions { BaseUrl = closed, MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(10) });

        var error = await Assert.ThrowsAsync<BybitConnectionException>(() => client.GetServerTimeAsync());

        Assert.Contains("cannot reach", error.Message, StringComparison.Ordinal);
    }

    private BybitRestClient Client(BybitRestOptions? options = null) =>
        new((options ?? new BybitRestOptions()) with { BaseUrl = _server.BaseUrl });

    private void RespondOnceThenTime(Func<HttpContext, Task> first)
    {
        int calls = 0;
        _server.Get("/v5/market/time", context => Interlocked.Increment(ref calls) == 1 ? first(context) : BybitTestServer.Json(context, BybitPayloads.Time()));
    }

    private static async Task<List<T>> Collect<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (T item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private sealed class InlineProgress(List<double> values) : IProgress<double>
    {
        public void Report(double value) => values.Add(value);
    }
}
