using System.Buffers.Text;
using System.Text.Json;
using MarketMaking.Data.Bybit.Trading.Json;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// One answer on Bybit's WebSocket order entry (docs/v5/websocket/trade/guideline.mdx):
/// <c>{"reqId","retCode","retMsg","op","data":{"orderId","orderLinkId"},"header":{"X-Bapi-Limit",
/// "X-Bapi-Limit-Status","X-Bapi-Limit-Reset-Timestamp","Timenow",…},"connId"}</c>.
/// <see cref="RequestId"/> is the number our requests carry as their reqId (0: none, or not one of ours).
/// </summary>
internal readonly record struct BybitTradeAnswer(string Op, long RequestId, int RetCode, string RetMsg, string OrderId, string OrderLinkId, BybitRateLimit RateLimit, long ServerTime)
{
    /// <summary>Reads one answer; a message that is not one is a <see cref="JsonException"/>.</summary>
    public static BybitTradeAnswer Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        string op = "", retMsg = "", orderId = "", orderLinkId = "";
        long requestId = 0;
        int retCode = -1, limit = 0, remaining = 0;
        long reset = 0, now = 0;
        Expect(ref reader, JsonTokenType.StartObject);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("op"u8))
            {
                op = String(ref reader);
            }
            else if (reader.ValueTextEquals("reqId"u8))
            {
                requestId = RequestNumber(ref reader);
            }
            else if (reader.ValueTextEquals("retCode"u8))
            {
                Next(ref reader);
                retCode = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("retMsg"u8))
            {
                retMsg = String(ref reader);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                if (Next(ref reader) != JsonTokenType.StartObject)
                {
                    reader.Skip(); // a pong's data is an array
                    continue;
                }

                while (Next(ref reader) == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("orderId"u8))
                    {
                        orderId = String(ref reader);
                    }
                    else if (reader.ValueTextEquals("orderLinkId"u8))
                    {
                        orderLinkId = String(ref reader);
                    }
                    else
                    {
                        Skip(ref reader);
                    }
                }
            }
            else if (reader.ValueTextEquals("header"u8))
            {
                Expect(ref reader, JsonTokenType.StartObject);
                while (Next(ref reader) == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("X-Bapi-Limit"u8))
                    {
                        limit = (int)Number(ref reader);
                    }
                    else if (reader.ValueTextEquals("X-Bapi-Limit-Status"u8))
                    {
                        remaining = (int)Number(ref reader);
                    }
                    else if (reader.ValueTextEquals("X-Bapi-Limit-Reset-Timestamp"u8))
                    {
                        reset = Number(ref reader);
                    }
                    else if (reader.ValueTextEquals("Timenow"u8))
                    {
                        now = Number(ref reader);
                    }
                    else
                    {
                        Skip(ref reader);
                    }
                }
            }
            else
            {
                Skip(ref reader);
            }
        }

        return new BybitTradeAnswer(op, requestId, retCode, retMsg, orderId, orderLinkId, new BybitRateLimit(limit, remaining, reset), now);
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("the answer ends early");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (Next(ref reader) != type)
        {
            throw new JsonException($"expected {type}, found {reader.TokenType}");
        }
    }

    private static void Skip(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        reader.Skip();
    }

    // An answer repeats its op, "OK", and the ids of an order asked about more than once (amends, its cancel).
    private static readonly Utf8Texts Texts = new(256);

    private static string String(ref Utf8JsonReader reader) =>
        Next(ref reader) == JsonTokenType.String ? Texts.Read(ref reader)! : reader.TokenType == JsonTokenType.Null ? "" : throw new JsonException($"expected a string, found {reader.TokenType}");

    /// <summary>The reqId as the number our requests send it as; 0 for anything else (a string of no digits, null).</summary>
    private static long RequestNumber(ref Utf8JsonReader reader)
    {
        JsonTokenType type = Next(ref reader);
        return type == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence && Utf8Parser.TryParse(reader.ValueSpan, out long value, out int used) && used == reader.ValueSpan.Length && value > 0 ? value
            : type is JsonTokenType.String or JsonTokenType.Null ? 0
            : throw new JsonException($"expected a string, found {type}");
    }

    /// <summary>A header value: Bybit sends them as strings of digits.</summary>
    private static long Number(ref Utf8JsonReader reader)
    {
        JsonTokenType type = Next(ref reader);
        if (type == JsonTokenType.Number)
        {
            return reader.GetInt64();
        }

        return type == JsonTokenType.String && Utf8Parser.TryParse(reader.ValueSpan, out long value, out int used) && used == reader.ValueSpan.Length
            ? value
            : throw new JsonException("a header value is not a whole number");
    }
}
