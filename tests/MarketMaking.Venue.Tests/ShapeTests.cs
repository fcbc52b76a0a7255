using System.Text.Json;
using System.Text.Json.Nodes;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit.Trading;

namespace MarketMaking.Venue.Tests;

/// <summary>
/// Every endpoint and push of the venue has the shape of Bybit's documented example: the same field
/// names, no more and no fewer, with the same kinds of values (numbers as strings where Bybit sends
/// strings). The examples are Bybit's own (Examples/, and ../shared/data/bybit-v5-api for the public ones).
/// </summary>
public sealed class ShapeTests : QuietVenueTest
{
    [Fact]
    public async Task PrivateAnswersHaveTheDocumentedShapes()
    {
        HttpMethod post = HttpMethod.Post, get = HttpMethod.Get;
        Shapes.Same(Example("create-order.response.json"), await Http.SignedTextAsync(Venue, post, "/v5/order/create",
            """{"category":"linear","symbol":"SIMUSDT","side":"Sell","orderType":"Limit","qty":"2","price":"100.00","orderLinkId":"s-1"}"""));
        Shapes.Same(Example("amend-order.response.json"), await Http.SignedTextAsync(Venue, post, "/v5/order/amend",
            """{"category":"linear","symbol":"SIMUSDT","orderLinkId":"s-1","qty":"3"}"""));
        Shapes.Same(Example("open-order.response.json"), await Http.SignedTextAsync(Venue, get, "/v5/order/realtime", "category=linear&symbol=SIMUSDT&openOnly=0&limit=1"));
        Shapes.Same(Example("order-list.response.json"), await Http.SignedTextAsync(Venue, get, "/v5/order/history", "category=linear&limit=1"));
        Shapes.Same(Example("batch-place.response.json"), await Http.SignedTextAsync(Venue, post, "/v5/order/create-batch",
            """{"category":"linear","request":[{"symbol":"SIMUSDT","side":"Buy","orderType":"Limit","qty":"1","price":"99.00","orderLinkId":"s-2"},{"symbol":"SIMUSDT","side":"Buy","orderType":"Limit","qty":"1","price":"98.00","orderLinkId":"s-3"}]}"""));
        Shapes.Same(Example("cancel-order.response.json"), await Http.SignedTextAsync(Venue, post, "/v5/order/cancel",
            """{"category":"linear","symbol":"SIMUSDT","orderLinkId":"s-2"}"""));
        Shapes.Same(Example("cancel-all.response.json"), await Http.SignedTextAsync(Venue, post, "/v5/order/cancel-all", """{"category":"linear","settleCoin":"USDT"}"""));

        await Client.PlaceOrderAsync(Venues.Market("s-4", Side.Buy, 1));
        Shapes.Same(Example("execution.response.json"), await Http.SignedTextAsync(Venue, get, "/v5/execution/list", "category=linear&limit=1"));
        Shapes.Same(Example("position.response.json"), await Http.SignedTextAsync(Venue, get, "/v5/position/list", "category=linear&symbol=SIMUSDT"));
        Shapes.Same(WithColRes(Example("wallet-balance.response.json"), "result", "list"), await Http.SignedTextAsync(Venue, get, "/v5/account/wallet-balance", "accountType=UNIFIED&coin=USDT"));
    }

    [Fact]
    public async Task ErrorsHaveTheEnvelopeOfBybitsErrors()
    {
        string answer = await Http.SignedTextAsync(Venue, HttpMethod.Post, "/v5/order/cancel", """{"category":"linear","symbol":"SIMUSDT","orderLinkId":"none"}""");

        using JsonDocument error = JsonDocument.Parse(answer);
        Assert.Equal(110001, error.RootElement.GetProperty("retCode").GetInt32());
        Assert.Equal("Order does not exist", error.RootElement.GetProperty("retMsg").GetString());
        Shapes.Same("""{"retCode":0,"retMsg":"","result":{},"retExtInfo":{},"time":1}""", answer);
    }

    [Fact]
    public async Task PushesAfterAFillHaveTheDocumentedShapes()
    {
        await using PrivateFeed feed = await PrivateFeed.OpenAsync(Venue);

        await Client.PlaceOrderAsync(Venues.Market("p-1", Side.Buy, 1));

        IReadOnlyList<BybitPrivateMessage> messages = await feed.WaitAsync(list =>
            list.Any(m => m.Kind == BybitPrivateMessageKind.Execution) && list.Any(m => m.Kind == BybitPrivateMessageKind.Wallet)
            && list.Any(m => m.Kind == BybitPrivateMessageKind.Order) && list.Any(m => m.Kind == BybitPrivateMessageKind.Position));
        Shapes.Same(Example("ws-order.json"), messages.First(m => m.Kind == BybitPrivateMessageKind.Order).Raw);
        Shapes.Same(WithoutIndianTax(Example("ws-execution.json")), messages.First(m => m.Kind == BybitPrivateMessageKind.Execution).Raw);
        Shapes.Same(Example("ws-position.json"), messages.First(m => m.Kind == BybitPrivateMessageKind.Position).Raw);
        Shapes.Same(WithColRes(Example("ws-wallet.json"), "data"), messages.First(m => m.Kind == BybitPrivateMessageKind.Wallet).Raw);
    }

    [SharedDataFact]
    public async Task PublicAnswersHaveTheDocumentedShapes()
    {
        await Client.PlaceOrderAsync(Venues.Market("t-1", Side.Sell, 1));

        Shapes.Same(Public("rest_time__response-example.json"), await Http.GetAsync(Venue, "/v5/market/time"));
        Shapes.Same(Public("rest_instruments-info__response-example__linear.json"), await Http.GetAsync(Venue, "/v5/market/instruments-info?category=linear&symbol=SIMUSDT"));
        Shapes.Same(Public("rest_orderbook__response-example.json"), await Http.GetAsync(Venue, "/v5/market/orderbook?category=linear&symbol=SIMUSDT"));
        Shapes.Same(Public("rest_recent-trade__response-example.json"), await Http.GetAsync(Venue, "/v5/market/recent-trade?category=linear&symbol=SIMUSDT&limit=1"));
        Shapes.Same(Public("rest_kline__response-example.json"), await Http.GetAsync(Venue, "/v5/market/kline?category=linear&symbol=SIMUSDT&interval=1"));
        Shapes.Same(WithSingleSideOpenInterest(Public("rest_tickers__response-example__inverse.json").Replace("\"inverse\"", "\"linear\"", StringComparison.Ordinal)), await Http.GetAsync(Venue, "/v5/market/tickers?category=linear&symbol=SIMUSDT"));
    }

    private static string Example(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Examples", name));

    /// <summary>The first document of a public example, as the Data tests' loader reads it (comments and labels dropped).</summary>
    private static string Public(string name)
    {
        string text = File.ReadAllText(Path.Combine(SharedData.Folder!, "bybit-v5-api", name));
        string kept = string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(kept), new JsonReaderOptions { AllowMultipleValues = true });
        using JsonDocument first = JsonDocument.ParseValue(ref reader);
        return first.RootElement.GetRawText();
    }

    // Fields Bybit's response tables list but its examples predate (docs at 072c197): a wallet coin's colRes
    // (changelog 2026-05-28, REST wallet-balance and the wallet topic) and a linear or inverse ticker's
    // singleOpenInterest and singleOpenInterestValue (tickers.mdx, 2026-06-09). All strings.
    private static string WithColRes(string json, params string[] toWallets)
    {
        JsonNode root = JsonNode.Parse(json)!;
        JsonNode wallets = toWallets.Aggregate(root, (node, name) => node[name]!);
        foreach (JsonNode? coin in wallets.AsArray().SelectMany(w => w!["coin"]!.AsArray()))
        {
            coin!["colRes"] = "0";
        }

        return root.ToJsonString();
    }

    private static string WithSingleSideOpenInterest(string json)
    {
        JsonNode root = JsonNode.Parse(json)!;
        foreach (JsonNode? ticker in root["result"]!["list"]!.AsArray())
        {
            ticker!["singleOpenInterest"] = "0";
            ticker["singleOpenInterestValue"] = "0";
        }

        return root.ToJsonString();
    }

    // The documented execution push carries an Indian GST entry in extraFees (a list); for everyone else Bybit sends "".
    private static string WithoutIndianTax(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        string extra = document.RootElement.GetProperty("data")[0].GetProperty("extraFees").GetRawText();
        return json.Replace(extra, "\"\"", StringComparison.Ordinal);
    }
}
