using System.Text.Json;
using MarketMaking.Data.Bybit;
using MarketMaking.Data.Bybit.Trading;

namespace MarketMaking.Data.Tests.Bybit.Trading;

/// <summary>The WebSocket order entry's answers as Bybit's guide prints them (docs/v5/websocket/trade/guideline.mdx).</summary>
public class BybitTradeAnswerTests
{
    [Fact]
    public void TheGuidesCreateAnswerIsRead()
    {
        BybitTradeAnswer answer = BybitTradeAnswer.Parse("""
            {
                "reqId": "test-005",
                "retCode": 0,
                "retMsg": "OK",
                "op": "order.create",
                "data": {
                    "orderId": "a4c1718e-fe53-4659-a118-1f6ecce04ad9",
                    "orderLinkId": ""
                },
                "retExtInfo": {},
                "header": {
                    "X-Bapi-Limit": "10",
                    "X-Bapi-Limit-Status": "9",
                    "X-Bapi-Limit-Reset-Timestamp": "1711001595208",
                    "Traceid": "38b7977b430f9bd228f4b19724794dfd",
                    "Timenow": "1711001595209"
                },
                "connId": "cnt5leec0hvan15eukcg-2v"
            }
            """u8);

        // The guide's reqId is text; ours are numbers: one that is not ours reads as none (0).
        Assert.Equal(new BybitTradeAnswer("order.create", 0, 0, "OK", "a4c1718e-fe53-4659-a118-1f6ecce04ad9", "", new BybitRateLimit(10, 9, 1711001595208), 1711001595209), answer);
    }

    [Fact]
    public void TheGuidesAuthAndPongAnswersAreRead()
    {
        BybitTradeAnswer auth = BybitTradeAnswer.Parse("""{"retCode": 0, "retMsg": "OK", "op": "auth", "connId": "cnt5leec0hvan15eukcg-2t"}"""u8);
        BybitTradeAnswer pong = BybitTradeAnswer.Parse("""{"retCode": 0, "retMsg": "OK", "op": "pong", "data": ["1711002002529"], "connId": "cnt5leec0hvan15eukcg-2v"}"""u8);

        Assert.Equal(("auth", 0L, 0, false), (auth.Op, auth.RequestId, auth.RetCode, auth.RateLimit.IsKnown));
        Assert.Equal(("pong", 0, ""), (pong.Op, pong.RetCode, pong.OrderId));
    }

    [Fact]
    public void OurRequestsNumberIsReadBack()
    {
        BybitTradeAnswer answer = BybitTradeAnswer.Parse("""{"reqId": "4017", "retCode": 10001, "retMsg": "params error", "op": "order.amend", "data": {}}"""u8);

        Assert.Equal((4017L, 10001, "params error", "order.amend"), (answer.RequestId, answer.RetCode, answer.RetMsg, answer.Op));
    }

    [Fact]
    public void AnAnswerThatIsNotOneIsAJsonError()
    {
        Assert.ThrowsAny<JsonException>(() => BybitTradeAnswer.Parse("""["op"]"""u8));
        Assert.ThrowsAny<JsonException>(() => BybitTradeAnswer.Parse("""{"retCode": 0, "header": {"X-Bapi-Limit": "ten"}}"""u8));
    }
}
