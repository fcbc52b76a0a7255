using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;
using MarketMaking.Data.Bybit.Trading;
using MarketMaking.Venue.Exchange;
using MarketMaking.Venue.Markets;

namespace MarketMaking.Venue.Tests;

/// <summary>
/// A venue listing two instruments, each its own quiet book, on one account: Bybit's protocol is
/// unchanged (every request names its symbol; settle-coin queries span both), the books do not
/// touch each other, and the wallet sums both instruments.
/// </summary>
public sealed class MultiInstrumentTests : IAsyncLifetime
{
    private const string A = "AAAUSDT";
    private const string B = "BBBUSDT";
    private LocalVenue _venue = null!;
    private BybitTradingClient _client = null!;

    public async Task InitializeAsync()
    {
        _venue = await LocalVenue.StartAsync(
            [(A, new AgentVenueMarket(Venues.Quiet, 7)), (B, new AgentVenueMarket(Venues.Quiet, 8))],
            new VenueSettings { RateLimits = new VenueRateLimits { Scale = 0 } });
        _client = Venues.Client(_venue);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _venue.DisposeAsync();
    }

    [Fact]
    public async Task InstrumentsInfoListsBothAndAnUnlistedSymbolGetsBybitsError()
    {
        string all = await Http.GetAsync(_venue, "v5/market/instruments-info?category=linear");
        string one = await Http.GetAsync(_venue, $"v5/market/instruments-info?category=linear&symbol={B}");
        string unknown = await Http.GetAsync(_venue, "v5/market/orderbook?category=linear&symbol=CCCUSDT");

        Assert.Contains($"\"symbol\":\"{A}\"", all, StringComparison.Ordinal);
        Assert.Contains($"\"symbol\":\"{B}\"", all, StringComparison.Ordinal);
        Assert.Contains($"\"symbol\":\"{B}\"", one, StringComparison.Ordinal);
        Assert.DoesNotContain(A, one, StringComparison.Ordinal);
        Assert.Contains("\"retCode\":10001", unknown, StringComparison.Ordinal);
        Assert.Contains($"lists {A}, {B} only", unknown, StringComparison.Ordinal);
        BybitApiException refused = await Assert.ThrowsAsync<BybitApiException>(() => _client.PlaceOrderAsync(Venues.Limit("c-1") with { Symbol = "CCCUSDT" }));
        Assert.Equal(10001, refused.Code);
    }

    [Fact]
    public async Task EachSymbolTradesInItsOwnBookOnOneAccount()
    {
        string bookBefore = await Http.GetAsync(_venue, $"v5/market/orderbook?category=linear&symbol={A}&limit=5");

        await _client.PlaceOrderAsync(Venues.Limit("a-1") with { Symbol = A });
        await _client.PlaceOrderAsync(Venues.Market("b-1", Side.Buy, 3) with { Symbol = B });

        VenueState a = await _venue.StateAsync(A);
        VenueState b = await _venue.StateAsync(B);
        Assert.Equal((0m, 3m), (a.Position, b.Position));
        BybitOrder resting = Assert.Single(a.OpenOrders);
        Assert.Equal(("a-1", A), (resting.OrderLinkId, resting.Symbol));
        Assert.Empty(b.OpenOrders);
        Assert.Empty(a.Executions);
        Assert.All(b.Executions, x => Assert.Equal(B, x.Symbol));
        Assert.Equal(3m, b.Executions.Sum(x => x.ExecQty));

        // B's market buy took B's asks; A's book is as it was but for a-1's bid at 95, outside the top 5.
        string bookAfter = await Http.GetAsync(_venue, $"v5/market/orderbook?category=linear&symbol={A}&limit=5");
        Assert.Equal(Levels(bookBefore), Levels(bookAfter));

        // The cash of each instrument is its own flows; the wallet sums every instrument's fees.
        decimal fees = b.Executions.Sum(x => x.ExecFee);
        Assert.Equal(100_000m - b.Executions.Sum(x => x.ExecQty * x.ExecPrice) - fees, b.Cash);
        Assert.Equal(100_000m, a.Cash);
        BybitWallet wallet = Assert.Single((await _client.GetWalletBalanceAsync()).Result.List);
        Assert.Equal(100_000m - fees, wallet.TotalWalletBalance);

        // Settle-coin queries span both instruments; symbol queries one.
        BybitOrder open = Assert.Single((await _client.GetOrdersAsync(new BybitOrderQuery("linear") { SettleCoin = "USDT" })).Result.List);
        Assert.Equal(A, open.Symbol);
        BybitPosition held = Assert.Single((await _client.GetPositionsAsync(new BybitPositionQuery("linear") { SettleCoin = "USDT" })).Result.List);
        Assert.Equal((B, 3m), (held.Symbol, held.Size));
        Assert.Equal(0m, Assert.Single((await _client.GetPositionsAsync(new BybitPositionQuery("linear", A))).Result.List).Size);
        Assert.Empty((await _client.GetExecutionsAsync(new BybitExecutionQuery("linear", A))).Result.List);
        Assert.Equal(b.Executions.Count, (await _client.GetExecutionsAsync(new BybitExecutionQuery("linear"))).Result.List.Count);

        // Ids are the account's: no order or execution id is handed out twice across instruments.
        string[] orderIds = [resting.OrderId, .. b.Executions.Select(x => x.OrderId).Distinct()];
        Assert.Equal(orderIds.Length, orderIds.Distinct().Count());

        var cancelled = (await _client.CancelAllOrdersAsync(new BybitCancelAllRequest { Category = "linear", SettleCoin = "USDT" })).Result.List;
        Assert.Equal("a-1", Assert.Single(cancelled).OrderLinkId);
        Assert.Empty((await _venue.StateAsync(A)).OpenOrders);
    }

    [Fact]
    public async Task ABatchPlacesEachOrderInItsOwnSymbolsBook()
    {
        var batch = new BybitBatchOrderRequest { Category = "linear", Request = [Venues.Limit("ba-1") with { Symbol = A }, Venues.Limit("bb-1", Side.Sell, 105m) with { Symbol = B }] };

        BybitReply<BybitBatchResult> reply = await _client.PlaceBatchAsync(batch);

        Assert.All(reply.ExtInfo.List!, s => Assert.Equal(0, s.Code));
        Assert.Equal("ba-1", Assert.Single((await _venue.StateAsync(A)).OpenOrders).OrderLinkId);
        BybitOrder sell = Assert.Single((await _venue.StateAsync(B)).OpenOrders);
        Assert.Equal(("bb-1", 105m), (sell.OrderLinkId, sell.Price));
    }

    [Fact]
    public async Task TheSameSymbolTwiceIsRefused()
    {
        var error = await Assert.ThrowsAsync<Core.Errors.InvalidParameterException>(() => LocalVenue.StartAsync([(A, new AgentVenueMarket(Venues.Quiet, 1)), (A, new AgentVenueMarket(Venues.Quiet, 2))], new VenueSettings()));
        Assert.Contains("listed twice", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The book's "b" and "a" arrays of an orderbook answer.</summary>
    private static string Levels(string answer)
    {
        using var document = System.Text.Json.JsonDocument.Parse(answer);
        System.Text.Json.JsonElement result = document.RootElement.GetProperty("result");
        return result.GetProperty("b").GetRawText() + result.GetProperty("a").GetRawText();
    }
}
