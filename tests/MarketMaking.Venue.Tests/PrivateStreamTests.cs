using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;
using MarketMaking.Data.Bybit.Trading;

namespace MarketMaking.Venue.Tests;

/// <summary>The private stream: authentication as Bybit answers it, and what a fill pushes.</summary>
public sealed class PrivateStreamTests
{
    [Fact]
    public async Task AFillPushesItsExecutionThenTheOrderThePositionAndTheWallet()
    {
        await using LocalVenue venue = await Venues.StartAsync(Venues.Quiet);
        using BybitTradingClient client = Venues.Client(venue);
        await using PrivateFeed feed = await PrivateFeed.OpenAsync(venue);

        await client.PlaceOrderAsync(Venues.Market("fill-1", Side.Buy, 1));

        IReadOnlyList<BybitPrivateMessage> messages = await feed.WaitAsync(list => list.Any(m => m.Kind == BybitPrivateMessageKind.Wallet));
        List<BybitPrivateMessageKind> kinds = [.. messages.Select(m => m.Kind).Where(k => k != BybitPrivateMessageKind.Connected)];
        Assert.Equal([BybitPrivateMessageKind.Execution, BybitPrivateMessageKind.Order, BybitPrivateMessageKind.Position, BybitPrivateMessageKind.Wallet], kinds);
        BybitExecution fill = Assert.Single(messages.Single(m => m.Kind == BybitPrivateMessageKind.Execution).Executions);
        BybitOrder order = Assert.Single(messages.Single(m => m.Kind == BybitPrivateMessageKind.Order).Orders);
        BybitPosition position = Assert.Single(messages.Single(m => m.Kind == BybitPrivateMessageKind.Position).Positions);
        BybitWallet wallet = Assert.Single(messages.Single(m => m.Kind == BybitPrivateMessageKind.Wallet).Wallets);
        Assert.Equal(("fill-1", 100.01m, 1m, false, "linear"), (fill.OrderLinkId, fill.ExecPrice, fill.ExecQty, fill.IsMaker, fill.Category));
        Assert.Equal((BybitOrderStatus.Filled, order.OrderId), (order.OrderStatus, fill.OrderId));
        Assert.Equal((Side.Buy, 1m, 100.01m, fill.Seq), (position.Side!.Value, position.Size, position.EntryPrice!.Value, position.Seq));
        Assert.Equal(100_000m - (100.01m * 0.00055m), wallet.TotalWalletBalance);
        BybitExecution listed = Assert.Single((await client.GetExecutionsAsync(new BybitExecutionQuery("linear", "SIMUSDT"))).Result.List);
        Assert.Equal(fill.ExecId, listed.ExecId);
    }

    [Fact]
    public async Task OneMatchingStepsFillsComeTogetherInOneExecutionMessage()
    {
        await using LocalVenue venue = await Venues.StartAsync(Venues.Quiet);
        using BybitTradingClient client = Venues.Client(venue);
        await using PrivateFeed feed = await PrivateFeed.OpenAsync(venue);
        using JsonDocument book = JsonDocument.Parse(await Http.GetAsync(venue, "/v5/market/orderbook?category=linear&symbol=SIMUSDT&limit=3"));
        decimal[] sizes = [.. book.RootElement.GetProperty("result").GetProperty("a").EnumerateArray().Select(l => decimal.Parse(l[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture))];

        await client.PlaceOrderAsync(Venues.Market("sweep", Side.Buy, sizes.Sum()));

        IReadOnlyList<BybitPrivateMessage> messages = await feed.WaitAsync(list => list.Any(m => m.Kind == BybitPrivateMessageKind.Wallet));
        BybitPrivateMessage execution = Assert.Single(messages, m => m.Kind == BybitPrivateMessageKind.Execution);
        Assert.Equal([100.01m, 100.02m, 100.03m], execution.Executions.Select(e => e.ExecPrice));
        Assert.Equal(sizes, execution.Executions.Select(e => e.ExecQty));
        Assert.Single(execution.Executions.Select(e => e.Seq).Distinct()); // one cross sequence for the step
        Assert.Equal([sizes[1] + sizes[2], sizes[2], 0m], execution.Executions.Select(e => e.LeavesQty));
    }

    [Fact]
    public async Task ARestingOrderFilledByTheMarketIsPushedAsAMakerFill()
    {
        await using LocalVenue venue = await Venues.StartAsync(Venues.Busy, new VenueSettings { Speed = 50 });
        using BybitTradingClient client = Venues.Client(venue);
        await using PrivateFeed feed = await PrivateFeed.OpenAsync(venue);

        // Join the best bid, post-only; the background sellers fill it in time (a bid the market ran away from is replaced).
        BybitExecution? fill = null;
        decimal price = 0;
        for (int attempt = 0; fill is null && attempt < 20; attempt++)
        {
            using JsonDocument book = JsonDocument.Parse(await Http.GetAsync(venue, "/v5/market/orderbook?category=linear&symbol=SIMUSDT&limit=1"));
            price = decimal.Parse(book.RootElement.GetProperty("result").GetProperty("b")[0][0].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            string linkId = $"maker-{attempt}";
            await client.PlaceOrderAsync(new BybitOrderRequest { Category = "linear", Symbol = "SIMUSDT", Side = Side.Buy, OrderType = BybitOrderType.Limit, TimeInForce = BybitTimeInForce.PostOnly, Qty = 1, Price = price, OrderLinkId = linkId });
            IReadOnlyList<BybitPrivateMessage> messages = await feed.WaitAsync(list => list.Any(m => m.Executions.Any(e => e.OrderLinkId == linkId) || m.Orders.Any(o => o.OrderLinkId == linkId && o.OrderStatus == BybitOrderStatus.Cancelled)), TimeSpan.FromSeconds(30));
            fill = messages.SelectMany(m => m.Executions).FirstOrDefault(e => e.OrderLinkId == linkId);
        }

        Assert.NotNull(fill);
        Assert.True(fill.IsMaker);
        Assert.Equal((price, 0.0002m, 0.02m * price / 100m), (fill.ExecPrice, fill.FeeRate, fill.ExecFee));
    }

    [Fact]
    public async Task AWrongSignatureAndAnExpiredAuthAreAnsweredAsBybitDoes()
    {
        await using LocalVenue venue = await Venues.StartAsync(Venues.Quiet);

        var forged = new BybitPrivateStream(new BybitCredentials(venue.ApiKey, "wrong"), new BybitPrivateStreamOptions { Url = venue.Environment.PrivateStream });
        var expired = new BybitPrivateStream(venue.Credentials, new BybitPrivateStreamOptions { Url = venue.Environment.PrivateStream, AuthExpiry = TimeSpan.FromSeconds(-1) });

        Assert.Equal("Request not authorized", (await Assert.ThrowsAsync<BybitApiException>(() => First(forged))).ExchangeMessage);
        Assert.Equal("Params Error", (await Assert.ThrowsAsync<BybitApiException>(() => First(expired))).ExchangeMessage);
    }

    [Fact]
    public async Task AuthSubscribeAndPingAnswersHaveTheDocumentedShapes()
    {
        await using LocalVenue venue = await Venues.StartAsync(Venues.Quiet);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(venue.Environment.PrivateStream, CancellationToken.None);
        var stream = new BybitPrivateStream(venue.Credentials, new BybitPrivateStreamOptions { Url = venue.Environment.PrivateStream });

        await Sockets.Send(socket, """{"op":"subscribe","args":["order"]}""");
        string early = await Sockets.Receive(socket);
        await Sockets.Send(socket, Encoding.UTF8.GetString(stream.AuthRequest()));
        string auth = await Sockets.Receive(socket);
        await Sockets.Send(socket, """{"op":"subscribe","args":["order","execution","position","wallet"]}""");
        string subscribed = await Sockets.Receive(socket);
        await Sockets.Send(socket, """{"req_id":"test","op":"ping"}""");
        string pong = await Sockets.Receive(socket);

        Assert.Contains("\"success\":false", early, StringComparison.Ordinal); // a subscription before auth is refused
        Shapes.Same(Example("ws-auth.response.json"), auth);
        Assert.Contains("\"success\":true", auth, StringComparison.Ordinal);
        Shapes.Same(Example("ws-private-subscribe.response.json"), subscribed);
        Shapes.Same(Example("ws-private-pong.json"), pong);
    }

    private static string Example(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Examples", name));

    private static async Task First(BybitPrivateStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (BybitPrivateMessage _ in stream.ReadAsync(timeout.Token))
        {
            return;
        }
    }
}
