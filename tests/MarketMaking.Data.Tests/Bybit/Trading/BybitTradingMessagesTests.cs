using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit.Trading;
using MarketMaking.Data.Bybit.Trading.Json;

namespace MarketMaking.Data.Tests.Bybit.Trading;

/// <summary>
/// The typed messages against Bybit's own examples: each documented answer, push and request body
/// read into the records and written back gives the documented JSON (the same members, the same
/// strings, "" kept as ""), and the values land in the right fields.
/// </summary>
public sealed class BybitTradingMessagesTests
{
    private static readonly BybitTradingJsonContext Answers = BybitTradingJsonContext.Default;
    private static readonly BybitRequestJsonContext Requests = BybitRequestJsonContext.Default;

    public static TheoryData<string> ResponseExamples => new()
    {
        "create-order.response.json", "amend-order.response.json", "cancel-order.response.json", "cancel-all.response.json",
        "batch-place.response.json", "open-order.response.json", "order-list.response.json", "execution.response.json", "position.response.json",
        "wallet-balance.response.json", "time.response.json", "ws-order.json", "ws-execution.json", "ws-position.json", "ws-wallet.json",
    };

    [Theory]
    [MemberData(nameof(ResponseExamples))]
    public void EveryDocumentedAnswerAndPushRoundTripsExactly(string file)
    {
        string documented = PrivateExamples.Text(file);
        string written = file switch
        {
            "create-order.response.json" or "amend-order.response.json" or "cancel-order.response.json" => RoundTrip(documented, Answers.BybitResponseBybitOrderAck),
            "cancel-all.response.json" => RoundTrip(documented, Answers.BybitResponseBybitCancelAllResult),
            "batch-place.response.json" => RoundTrip(documented, Answers.BybitResponseBybitBatchResult),
            "open-order.response.json" or "order-list.response.json" => RoundTrip(documented, Answers.BybitResponseBybitPageBybitOrder),
            "execution.response.json" => RoundTrip(documented, Answers.BybitResponseBybitPageBybitExecution),
            "position.response.json" => RoundTrip(documented, Answers.BybitResponseBybitPageBybitPosition),
            "wallet-balance.response.json" => RoundTrip(documented, Answers.BybitResponseBybitWalletBalance),
            "time.response.json" => RoundTrip(documented, Answers.BybitResponseBybitServerTime),
            "ws-order.json" => RoundTrip(documented, Answers.BybitStreamMessageBybitOrder),
            "ws-execution.json" => RoundTrip(documented, Answers.BybitStreamMessageBybitExecution),
            "ws-position.json" => RoundTrip(documented, Answers.BybitStreamMessageBybitPosition),
            "ws-wallet.json" => RoundTrip(documented, Answers.BybitStreamMessageBybitWallet),
            _ => throw new ArgumentOutOfRangeException(nameof(file)),
        };

        JsonShapes.Equal(documented, written);
    }

    [Fact]
    public void OpenOrderExampleLandsInTypedFields()
    {
        BybitResponse<BybitPage<BybitOrder>> answer = Read(PrivateExamples.Text("open-order.response.json"), Answers.BybitResponseBybitPageBybitOrder);

        Assert.Equal(0, answer.RetCode);
        Assert.Equal(1684765770483, answer.Time);
        BybitPage<BybitOrder> page = answer.Result!;
        Assert.Equal("linear", page.Category);
        Assert.Equal("page_args%3Dfd4300ae-7847-404e-b947-b46980a4d140%26symbol%3D6%26", page.NextPageCursor);
        BybitOrder order = Assert.Single(page.List);
        Assert.Equal(("fd4300ae-7847-404e-b947-b46980a4d140", "test-000005", "ETHUSDT"), (order.OrderId, order.OrderLinkId, order.Symbol));
        Assert.Equal((1600.00m, 0.10m, Side.Buy, 1), (order.Price, order.Qty, order.Side, order.PositionIdx));
        Assert.Equal("1600.00", order.Price!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)); // the scale survives
        Assert.Equal((BybitOrderStatus.New, BybitCancelType.Unknown, BybitRejectReason.NoError), (order.OrderStatus, order.CancelType, order.RejectReason));
        Assert.Equal((BybitTimeInForce.GoodTillCancel, BybitOrderType.Limit), (order.TimeInForce, order.OrderType));
        Assert.Equal((0.10m, 160m, 0.00m), (order.LeavesQty, order.LeavesValue, order.CumExecQty));
        Assert.Equal((1684738540559L, 1684738540561L), (order.CreatedTime, order.UpdatedTime));
        Assert.Equal(0.00242968m, order.CumFeeDetail!["MNT"]);
        Assert.Equal("", order.IsLeverage);
        Assert.Null(order.Category); // REST answers carry no category per order
        Assert.True(order.OrderStatus.IsOpen());
    }

    [Fact]
    public void OrderPushKeepsBlankNumbersAsNull()
    {
        BybitStreamMessage<BybitOrder> push = Read(PrivateExamples.Text("ws-order.json"), Answers.BybitStreamMessageBybitOrder);

        Assert.Equal(("5923240c6880ab-c59f-420b-9adb-3639adc9dd90", "order", 1672364262474L), (push.Id, push.Topic, push.CreationTime));
        BybitOrder order = Assert.Single(push.Data);
        Assert.Equal((BybitOrderStatus.Filled, BybitOrderType.Market, BybitTimeInForce.ImmediateOrCancel), (order.OrderStatus, order.OrderType, order.TimeInForce));
        Assert.Null(order.LeavesQty); // "" on the wire
        Assert.Null(order.TriggerPrice);
        Assert.Equal((75m, 1m, 0.358635m, 0m), (order.AvgPrice, order.CumExecQty, order.CumExecFee, order.ClosedPnl));
        Assert.Equal("option", order.Category);
        Assert.False(order.OrderStatus.IsOpen());
        Assert.Null(order.IsLeverage);
    }

    [Fact]
    public void ExecutionPushCarriesTheFill()
    {
        BybitStreamMessage<BybitExecution> push = Read(PrivateExamples.Text("ws-execution.json"), Answers.BybitStreamMessageBybitExecution);

        BybitExecution fill = Assert.Single(push.Data);
        Assert.Equal(("0ab1bdf7-4219-438b-b30a-32ec863018f7", "9aac161b-8ed6-450d-9cab-c5cc67c21784"), (fill.ExecId, fill.OrderId));
        Assert.Equal((95900.1m, 0.5m, 47950.05m, 26.3725275m, 0.00055m), (fill.ExecPrice, fill.ExecQty, fill.ExecValue, fill.ExecFee, fill.FeeRate));
        Assert.Equal((Side.Sell, BybitExecType.Trade, false, 140612148849382L, 1746270400353L), (fill.Side, fill.ExecType, fill.IsMaker, fill.Seq, fill.ExecTime));
        Assert.Equal((0.5m, 0.05m), (fill.ClosedSize, fill.ExecPnl));
        Assert.Equal(JsonValueKind.Array, fill.ExtraFees.ValueKind);
    }

    [Fact]
    public void PositionAnswerAndPushNameTheEntryPriceDifferently()
    {
        BybitPosition rest = Assert.Single(Read(PrivateExamples.Text("position.response.json"), Answers.BybitResponseBybitPageBybitPosition).Result!.List);
        BybitPosition push = Assert.Single(Read(PrivateExamples.Text("ws-position.json"), Answers.BybitStreamMessageBybitPosition).Data);

        Assert.Equal((Side.Sell, 300m, 27464.50441675m), (rest.Side!.Value, rest.Size, rest.AverageEntryPrice!.Value));
        Assert.Null(rest.EntryPrice);
        Assert.Null(rest.LiqPrice);
        Assert.Equal((0.00013123m, -0.00096902m, 5723621632L), (rest.CurRealisedPnl, rest.CumRealisedPnl, rest.Seq));
        Assert.Null(push.Side); // flat: ""
        Assert.Equal((0m, 0m, 2), (push.Size, push.AverageEntryPrice!.Value, push.PositionIdx));
        Assert.Null(push.AvgPrice);
        Assert.Equal("linear", push.Category);
    }

    [Fact]
    public void WalletAnswerCarriesCoins()
    {
        BybitWallet wallet = Assert.Single(Read(PrivateExamples.Text("wallet-balance.response.json"), Answers.BybitResponseBybitWalletBalance).Result!.List);

        Assert.Equal(("UNIFIED", 3.31216591m, 3.00326056m), (wallet.AccountType, wallet.TotalEquity, wallet.TotalWalletBalance));
        BybitCoinBalance btc = Assert.Single(wallet.Coin);
        Assert.Equal(("BTC", 0m, 0.01592413m, true), (btc.Coin, btc.WalletBalance, btc.SpotHedgingQty, btc.MarginCollateral));
        Assert.Equal("0.0", btc.BorrowAmount!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ACoinsCollateralRestrictionIsReadAndWrittenBack()
    {
        // colRes (docs/v5/websocket/private/wallet.mdx, changelog 2026-05-28) is newer than the documented example.
        string documented = PrivateExamples.Text("ws-wallet.json").Replace("\"marginCollateral\": true,", "\"marginCollateral\": true,\n\"colRes\": \"2\",", StringComparison.Ordinal);
        BybitCoinBalance btc = Assert.Single(Assert.Single(Read(documented, Answers.BybitStreamMessageBybitWallet).Data).Coin);

        Assert.Equal("2", btc.ColRes);
        JsonShapes.Equal(documented, RoundTrip(documented, Answers.BybitStreamMessageBybitWallet));
        Assert.Null(Assert.Single(Assert.Single(Read(PrivateExamples.Text("ws-wallet.json"), Answers.BybitStreamMessageBybitWallet).Data).Coin).ColRes);
    }

    [Fact]
    public void BatchAnswerPairsOrdersWithOutcomes()
    {
        BybitResponse<BybitBatchResult> answer = Read(PrivateExamples.Text("batch-place.response.json"), Answers.BybitResponseBybitBatchResult);

        Assert.Equal(["spot-btc-03", "spot-atom-03"], answer.Result!.List.Select(o => o.OrderLinkId));
        Assert.Equal(1713434102752, answer.Result.List[0].CreateAt);
        Assert.Equal([(0, "OK"), (0, "OK")], answer.RetExtInfo.List!.Select(s => (s.Code, s.Msg)));
    }

    [Fact]
    public void ServerTimeIsParsedFromStrings()
    {
        BybitServerTime time = Read(PrivateExamples.Text("time.response.json"), Answers.BybitResponseBybitServerTime).Result!;

        Assert.Equal((1688639403L, 1688639403423213947L), (time.TimeSecond, time.TimeNano));
    }

    public static TheoryData<string> RequestExamples => new()
    {
        "create-order.request.open-long.json", "create-order.request.close-long.json", "amend-order.request.json",
        "cancel-order.request.json", "cancel-all.request.json", "batch-place.request.json",
    };

    /// <summary>The hand-written hot-path writer and the generated serializer give the documented body (its nulls left out) to the byte.</summary>
    [Theory]
    [MemberData(nameof(RequestExamples))]
    public void DocumentedRequestBodiesAreWrittenBackByBothWriters(string file)
    {
        string documented = PrivateExamples.Text(file);
        (string byHand, string generated) = file switch
        {
            _ when file.StartsWith("create-order", StringComparison.Ordinal) => Both(documented, Requests.BybitOrderRequest, BybitRequestWriter.Write),
            "amend-order.request.json" => Both(documented, Requests.BybitAmendRequest, BybitRequestWriter.Write),
            "cancel-order.request.json" => Both(documented, Requests.BybitCancelRequest, BybitRequestWriter.Write),
            "cancel-all.request.json" => Both(documented, Requests.BybitCancelAllRequest, BybitRequestWriter.Write),
            "batch-place.request.json" => Both(documented, Requests.BybitBatchOrderRequest, BybitRequestWriter.Write),
            _ => throw new ArgumentOutOfRangeException(nameof(file)),
        };

        Assert.Equal(generated, byHand);
        JsonShapes.Equal(documented, byHand, skipNullMembers: true);
    }

    [Fact]
    public void DocumentedOrderRequestLandsInTypedFields()
    {
        BybitOrderRequest close = Read(PrivateExamples.Text("create-order.request.close-long.json"), Requests.BybitOrderRequest);

        Assert.Equal(("linear", "BTCUSDT", Side.Sell, BybitOrderType.Limit), (close.Category, close.Symbol, close.Side, close.OrderType));
        Assert.Equal((1m, 30000m, BybitTimeInForce.GoodTillCancel), (close.Qty, close.Price!.Value, close.TimeInForce!.Value));
        Assert.Equal((0, "usdt-test-02", true), (close.PositionIdx!.Value, close.OrderLinkId, close.ReduceOnly!.Value));
        Assert.Null(close.TakeProfit);
    }

    [Theory]
    [InlineData("""{"side":"Hold"}""")]
    [InlineData("""{"qty":"1.2.3"}""")]
    [InlineData("""{"timeInForce":"GoodTillCrash"}""")]
    public void MalformedFieldsAreJsonErrors(string body)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(body, Requests.BybitOrderRequest));
    }

    private static T Read<T>(string json, JsonTypeInfo<T> type) => JsonSerializer.Deserialize(json, type) ?? throw new InvalidOperationException("null");

    private static string RoundTrip<T>(string json, JsonTypeInfo<T> type) => JsonSerializer.Serialize(Read(json, type), type);

    private static (string ByHand, string Generated) Both<T>(string json, JsonTypeInfo<T> type, Action<Utf8JsonWriter, T> write)
    {
        T value = Read(json, type);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, value);
        }

        return (System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan), JsonSerializer.Serialize(value, type));
    }
}
