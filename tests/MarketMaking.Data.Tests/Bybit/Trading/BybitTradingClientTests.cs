using System.Text;
using System.Text.Json;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;
using MarketMaking.Data.Bybit.Trading;
using Microsoft.AspNetCore.Http;

namespace MarketMaking.Data.Tests.Bybit.Trading;

/// <summary>The signed REST client against a local server that checks what Bybit checks and answers with the documented examples.</summary>
public sealed class BybitTradingClientTests : IAsyncLifetime
{
    private static readonly BybitCredentials Credentials = new("test-key-1", "test-secret-1");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1672211928338);

    private BybitTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BybitTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task PlaceOrderSendsASignedBodyAndReturnsTheAckWithRateLimits()
    {
        string? body = null;
        Dictionary<string, string>? headers = null;
        _server.Post("/v5/order/create", async context =>
        {
            body = await ReadBody(context);
            headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            RateLimitHeaders(context, limit: 10, remaining: 9, reset: 1672211928400);
            await BybitTestServer.Json(context, PrivateExamples.Text("create-order.response.json"));
        });
        using BybitTradingClient client = Client(new ManualClock(Now));

        BybitReply<BybitOrderAck> reply = await client.PlaceOrderAsync(new BybitOrderRequest
        {
            Category = "linear",
            Symbol = "BTCUSDT",
            Side = Side.Buy,
            OrderType = BybitOrderType.Limit,
            Qty = 0.010m,
            Price = 25000.5m,
            TimeInForce = BybitTimeInForce.PostOnly,
            PositionIdx = 0,
            OrderLinkId = "mm-1-1",
        });

        Assert.Equal("""{"category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"0.010","price":"25000.5","timeInForce":"PostOnly","positionIdx":0,"orderLinkId":"mm-1-1"}""", body);
        Assert.Equal("test-key-1", headers!["X-BAPI-API-KEY"]);
        Assert.Equal("1672211928338", headers["X-BAPI-TIMESTAMP"]);
        Assert.Equal("5000", headers["X-BAPI-RECV-WINDOW"]);
        Assert.Equal(BybitSigner.SignRequest(Credentials, 1672211928338, 5000, Encoding.UTF8.GetBytes(body!)), headers["X-BAPI-SIGN"]);
        Assert.StartsWith("application/json", headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(("1321003749386327552", "spot-test-postonly"), (reply.Result.OrderId, reply.Result.OrderLinkId));
        Assert.Equal(new BybitRateLimit(10, 9, 1672211928400), reply.RateLimit);
        Assert.Equal(1672211918471, reply.ServerTime);
    }

    [Fact]
    public async Task AnErrorCodeIsAnApiExceptionWithItsRateLimits()
    {
        _server.Post("/v5/order/create", context =>
        {
            RateLimitHeaders(context, limit: 10, remaining: 7, reset: 1);
            return BybitTestServer.Json(context, BybitPayloads.Error(110072, "OrderLinkedID is duplicate"));
        });
        using BybitTradingClient client = Client();

        var error = await Assert.ThrowsAsync<BybitApiException>(() => client.PlaceOrderAsync(Order("dup")));

        Assert.Equal((110072, "OrderLinkedID is duplicate", 7), (error.Code, error.ExchangeMessage, error.RateLimit.Remaining));
        Assert.Equal("POST /v5/order/create", error.Request);
        Assert.False(error.IsRateLimit);
    }

    [Fact]
    public async Task ARateLimitRefusalIsNotRetried()
    {
        _server.Post("/v5/order/cancel", context =>
        {
            RateLimitHeaders(context, limit: 10, remaining: 0, reset: 1672211929000);
            return BybitTestServer.Json(context, BybitPayloads.Error(10006, "Too many visits!"));
        });
        using BybitTradingClient client = Client();

        var error = await Assert.ThrowsAsync<BybitApiException>(() => client.CancelOrderAsync(new BybitCancelRequest { Category = "linear", Symbol = "BTCUSDT", OrderLinkId = "x" }));

        Assert.True(error.IsRateLimit);
        Assert.Equal(1672211929000, error.RateLimit.ResetTimestamp);
        Assert.Equal(1, _server.Hits("/v5/order/cancel"));
    }

    [Fact]
    public async Task NoAnswerInTimeIsATimeoutWhoseOutcomeIsUnknown()
    {
        _server.Post("/v5/order/create", async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        using var client = new BybitTradingClient(Credentials, new BybitTradingOptions { Environment = BybitEnvironment.Local(_server.BaseUrl), Timeout = TimeSpan.FromMilliseconds(200) });

        var error = await Assert.ThrowsAsync<BybitTimeoutException>(() => client.PlaceOrderAsync(Order("slow")));

        Assert.Contains("unknown", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.Hits("/v5/order/create"));
    }

    [Fact]
    public async Task AServerFaultWithoutJsonIsAnApiExceptionWithTheHttpStatus()
    {
        _server.Post("/v5/order/amend", context =>
        {
            context.Response.StatusCode = 503;
            return context.Response.WriteAsync("upstream down");
        });
        using BybitTradingClient client = Client();

        var error = await Assert.ThrowsAsync<BybitApiException>(() => client.AmendOrderAsync(new BybitAmendRequest { Category = "linear", Symbol = "BTCUSDT", OrderLinkId = "a", Price = 1m }));

        Assert.Equal(503, error.Code);
    }

    [Fact]
    public async Task GetRequestsSignTheQueryStringAsSent()
    {
        string? query = null;
        string? signature = null;
        long timestamp = 0;
        _server.Get("/v5/order/realtime", context =>
        {
            query = context.Request.QueryString.Value![1..];
            signature = context.Request.Headers["X-BAPI-SIGN"].ToString();
            timestamp = long.Parse(context.Request.Headers["X-BAPI-TIMESTAMP"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
            return BybitTestServer.Json(context, PrivateExamples.Text("open-order.response.json"));
        });
        using BybitTradingClient client = Client();

        BybitReply<BybitPage<BybitOrder>> reply = await client.GetOrdersAsync(new BybitOrderQuery("linear", "ETHUSDT") { OpenOnly = 0, Limit = 1 });

        Assert.Equal("category=linear&symbol=ETHUSDT&openOnly=0&limit=1", query);
        Assert.Equal(BybitSigner.SignRequest(Credentials, timestamp, 5000, Encoding.UTF8.GetBytes(query!)), signature);
        Assert.Equal("test-000005", Assert.Single(reply.Result.List).OrderLinkId);
    }

    [Fact]
    public async Task ExecutionsSinceAStartTimeFollowTheCursor()
    {
        List<string> queries = ServeTwoPages("/v5/execution/list", "execution.response.json", "132766%3A2%2C132766%3A2", ("e0cbe81d", "f1dcf92e"));
        using BybitTradingClient client = Client();

        var fills = new List<BybitExecution>();
        await foreach (BybitExecution fill in client.ReadExecutionsAsync(new BybitExecutionQuery("linear", "ETHPERP") { StartTime = 1672282722000 }))
        {
            fills.Add(fill);
        }

        Assert.Equal(["e0cbe81d-0f18-5866-9415-cf319b5dab3b", "f1dcf92e-0f18-5866-9415-cf319b5dab3b"], fills.Select(f => f.ExecId));
        Assert.Equal(["?category=linear&symbol=ETHPERP&startTime=1672282722000", "?category=linear&symbol=ETHPERP&startTime=1672282722000&cursor=132766%3A2%2C132766%3A2"], queries);
    }

    [Fact]
    public async Task OrderHistoryAsksAsDocumentedAndFollowsTheCursor()
    {
        List<string> queries = ServeTwoPages("/v5/order/history", "order-list.response.json", "page_token%3D39380%26", ("YLxaWKMiHU", "ZMybXLNjIV"));
        using BybitTradingClient client = Client();

        var orders = new List<BybitOrder>();
        await foreach (BybitOrder order in client.ReadOrderHistoryAsync(new BybitOrderHistoryQuery("linear", "BTCUSDT") { OrderStatus = BybitOrderStatus.Cancelled, StartTime = 1684476000000, Limit = 50 }))
        {
            orders.Add(order);
        }

        Assert.Equal(["YLxaWKMiHU", "ZMybXLNjIV"], orders.Select(o => o.OrderLinkId));
        Assert.Equal(["?category=linear&symbol=BTCUSDT&orderStatus=Cancelled&startTime=1684476000000&limit=50", "?category=linear&symbol=BTCUSDT&orderStatus=Cancelled&startTime=1684476000000&limit=50&cursor=page_token%3D39380%26"], queries);
        BybitOrder first = orders[0];
        Assert.Equal((BybitOrderStatus.Cancelled, BybitRejectReason.PostOnlyWillTakeLiquidity, 0.000m, 26864.40m), (first.OrderStatus, first.RejectReason, first.CumExecQty, first.Price));
        Assert.Equal(("UNKNOWN", "", ""), (first.SlippageToleranceType, first.SlippageTolerance, first.ExtraFees));
        Assert.False(first.OrderStatus.IsOpen());
    }

    /// <summary>
    /// Serves Bybit's example answer at <paramref name="path"/> as a first page (its own cursor), and as
    /// the last page (no cursor, one id renamed) to a request that gives a cursor; returns the queries asked.
    /// </summary>
    private List<string> ServeTwoPages(string path, string example, string cursor, (string First, string Last) id)
    {
        var queries = new List<string>();
        string firstPage = PrivateExamples.Text(example);
        string lastPage = firstPage.Replace($"\"nextPageCursor\": \"{cursor}\"", "\"nextPageCursor\": \"\"", StringComparison.Ordinal).Replace(id.First, id.Last, StringComparison.Ordinal);
        Assert.NotEqual(firstPage, lastPage);
        _server.Get(path, context =>
        {
            string query = context.Request.QueryString.Value!;
            queries.Add(query);
            return BybitTestServer.Json(context, query.Contains("cursor=", StringComparison.Ordinal) ? lastPage : firstPage);
        });
        return queries;
    }

    [Fact]
    public async Task ClockOffsetIsServerMinusLocalAndMovesTheTimestamps()
    {
        _server.Get("/v5/market/time", context => BybitTestServer.Json(context, PrivateExamples.Text("time.response.json")));
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(1688639400000));
        using BybitTradingClient client = Client(clock);

        TimeSpan offset = await client.SynchronizeClockAsync();

        // The documented server time is 1688639403423.213947 ms; the local clock stood still at 1688639400000 ms.
        Assert.Equal(TimeSpan.FromTicks(34232139), offset);
        Assert.Equal(1688639403423, client.Timestamp());
    }

    [Fact]
    public async Task CancelAllAndBatchAnswersAreTyped()
    {
        _server.Post("/v5/order/cancel-all", context => BybitTestServer.Json(context, PrivateExamples.Text("cancel-all.response.json")));
        _server.Post("/v5/order/create-batch", context => BybitTestServer.Json(context, PrivateExamples.Text("batch-place.response.json")));
        using BybitTradingClient client = Client();

        BybitReply<BybitCancelAllResult> cancelled = await client.CancelAllOrdersAsync(new BybitCancelAllRequest { Category = "linear", SettleCoin = "USDT" });
        BybitReply<BybitBatchResult> placed = await client.PlaceBatchAsync(new BybitBatchOrderRequest { Category = "spot", Request = [Order("a") with { Category = null }, Order("b") with { Category = null }] });

        Assert.Equal(["1616024329462743809", "1616024287544869633"], cancelled.Result.List.Select(o => o.OrderLinkId));
        Assert.Equal("1", cancelled.Result.Success);
        Assert.Equal(2, placed.ExtInfo.List!.Count);
    }

    [Fact]
    public async Task AnUnreachableHostIsAConnectionError()
    {
        var closed = new Uri("http://127.0.0.1:1");
        using var client = new BybitTradingClient(Credentials, new BybitTradingOptions { Environment = BybitEnvironment.Local(closed) });

        await Assert.ThrowsAsync<BybitConnectionException>(() => client.GetWalletBalanceAsync());
    }

    private static BybitOrderRequest Order(string linkId) => new()
    {
        Category = "linear",
        Symbol = "BTCUSDT",
        Side = Side.Sell,
        OrderType = BybitOrderType.Limit,
        Qty = 1m,
        Price = 30000m,
        OrderLinkId = linkId,
    };

    private static void RateLimitHeaders(HttpContext context, int limit, int remaining, long reset)
    {
        context.Response.Headers[BybitRateLimit.LimitHeader] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers[BybitRateLimit.RemainingHeader] = remaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers[BybitRateLimit.ResetHeader] = reset.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> ReadBody(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private BybitTradingClient Client(TimeProvider? clock = null) =>
        new(Credentials, new BybitTradingOptions { Environment = BybitEnvironment.Local(_server.BaseUrl), TimeProvider = clock ?? TimeProvider.System });
}
