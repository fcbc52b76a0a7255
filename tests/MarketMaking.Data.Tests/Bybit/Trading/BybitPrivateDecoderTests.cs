using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MarketMaking.Data.Bybit.Trading;
using MarketMaking.Data.Bybit.Trading.Json;

namespace MarketMaking.Data.Tests.Bybit.Trading;

/// <summary>
/// The hand-written reader of order and execution pushes against the source-generated serializer
/// it replaced: the same records (compared as the serializer writes them) for Bybit's documented
/// examples, for the fields in another order, escaped, unknown or repeated, and for thousands of
/// seeded mutations of single fields; where the serializer refuses a message, the reader does too.
/// </summary>
public sealed class BybitPrivateDecoderTests
{
    private static readonly BybitTradingJsonContext Json = BybitTradingJsonContext.Default;

    // Values a field may be given: every JSON type, Bybit's blank, numbers as strings and bare, names of each enum.
    private static readonly string[] Mutations =
    [
        "null", "\"\"", "\"0.5\"", "\"-12.25\"", "7", "-3", "1.5", "true", "false", "\"Buy\"", "\"Sell\"", "\"New\"", "\"Filled\"",
        "\"Limit\"", "\"Market\"", "\"GTC\"", "\"PostOnly\"", "\"Trade\"", "\"Funding\"", "\"1746270400353\"", "\"12x\"", "[]", "{}",
        "{\"USDT\":\"0.1\"}", "{\"USDT\":1}", "\"UNKNOWN\"", "\"EC_NoError\"", "\"CancelByUser\"",
    ];

    [Theory]
    [InlineData("ws-order.json")]
    [InlineData("ws-execution.json")]
    public void DocumentedExamplesGiveTheSerializersRecords(string example)
    {
        string text = PrivateExamples.Text(example);

        string expected = Serialized(text);

        Assert.Equal(expected, Decoded(text));
        Assert.Contains(example.Contains("order", StringComparison.Ordinal) ? "\"orderStatus\":\"Filled\"" : "\"execType\":\"Trade\"", expected, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ws-order.json")]
    [InlineData("ws-execution.json")]
    public void FieldsInAnyOrderEscapedUnknownOrRepeatedReadAsTheSerializerReadsThem(string example)
    {
        JsonObject message = JsonNode.Parse(PrivateExamples.Text(example))!.AsObject();
        JsonObject record = message["data"]![0]!.AsObject();
        var reversed = new JsonObject();
        foreach ((string name, JsonNode? value) in record.Reverse().ToList())
        {
            reversed[name] = value?.DeepClone();
        }

        reversed["somethingNew"] = JsonNode.Parse("""{"a":[1,{"b":"c"}]}""");
        message["data"] = new JsonArray(reversed, record.DeepClone());
        string text = message.ToJsonString();
        string firstField = record.First().Key;

        // The first field's name escaped, and repeated with another value (the last one counts).
        string escaped = text.Replace($"\"{firstField}\":", $"\"\\u{(int)firstField[0]:x4}{firstField[1..]}\":", StringComparison.Ordinal);
        string repeated = text.Replace(",\"somethingNew\"", ",\"symbol\":\"ETHUSDT\",\"somethingNew\"", StringComparison.Ordinal);

        // Every character of a name escaped (longer than the reader's stack room for names), with a value of its own.
        string longEscaped = text.Replace("\"orderLinkId\":\"\"", $"\"{string.Concat("orderLinkId".Select(c => $"\\u{(int)c:x4}"))}\":\"link-1\"", StringComparison.Ordinal);

        Assert.NotEqual(text, escaped);
        Assert.NotEqual(text, repeated);
        Assert.NotEqual(text, longEscaped);
        foreach (string variant in new[] { text, escaped, repeated, longEscaped })
        {
            Assert.Equal(Serialized(variant), Decoded(variant));
        }

        Assert.Contains("ETHUSDT", Decoded(repeated), StringComparison.Ordinal);
        Assert.Contains("link-1", Decoded(longEscaped), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ws-order.json", 1)]
    [InlineData("ws-execution.json", 2)]
    public void SeededMutationsOfFieldsGiveTheSameRecordsOrTheSameRefusal(string example, int seed)
    {
        JsonObject original = JsonNode.Parse(PrivateExamples.Text(example))!.AsObject();
        string[] fields = [.. original["data"]![0]!.AsObject().Select(p => p.Key), "id", "topic", "creationTime", "data"];
        var random = new Random(seed);
        int agreedRecords = 0, agreedRefusals = 0;
        for (int trial = 0; trial < 3000; trial++)
        {
            JsonObject message = original.DeepClone().AsObject();
            for (int change = 0, changes = 1 + random.Next(3); change < changes; change++)
            {
                string field = fields[random.Next(fields.Length)];
                JsonNode? value = JsonNode.Parse(Mutations[random.Next(Mutations.Length)]);
                JsonObject target = field is "id" or "topic" or "creationTime" or "data" ? message : message["data"] is JsonArray { Count: > 0 } data && data[0] is JsonObject first ? first : message;
                target[field] = value;
            }

            string text = message.ToJsonString();
            string? expected = Attempt(() => Serialized(text));
            string? actual = Attempt(() => Decoded(text));
            Assert.True(expected == actual, $"{text}\nserializer: {expected ?? "refused"}\ndecoder: {actual ?? "refused"}");
            if (expected is null)
            {
                agreedRefusals++;
            }
            else
            {
                agreedRecords++;
            }
        }

        // Both outcomes were exercised many times.
        Assert.True(agreedRecords > 300 && agreedRefusals > 300, $"{agreedRecords} records, {agreedRefusals} refusals");
    }

    [Fact]
    public void SomethingAfterTheMessageIsRefused()
    {
        string text = PrivateExamples.Text("ws-order.json") + "{}";

        Assert.Null(Attempt(() => Serialized(text)));
        Assert.Null(Attempt(() => Decoded(text)));
    }

    // "data": null is no records either way (the stream gave [] for the serializer's null).
    private static string Serialized(string text) => IsOrder(text)
        ? JsonSerializer.Serialize(JsonSerializer.Deserialize(text, Json.BybitStreamMessageBybitOrder)! is { } orders ? orders with { Data = orders.Data ?? [] } : null!, Json.BybitStreamMessageBybitOrder)
        : JsonSerializer.Serialize(JsonSerializer.Deserialize(text, Json.BybitStreamMessageBybitExecution)! is { } fills ? fills with { Data = fills.Data ?? [] } : null!, Json.BybitStreamMessageBybitExecution);

    private static string Decoded(string text) => IsOrder(text)
        ? JsonSerializer.Serialize(BybitPrivateDecoder.Orders(Encoding.UTF8.GetBytes(text)), Json.BybitStreamMessageBybitOrder)
        : JsonSerializer.Serialize(BybitPrivateDecoder.Executions(Encoding.UTF8.GetBytes(text)), Json.BybitStreamMessageBybitExecution);

    // Which reader a mutated message is for: its example's own kind (the topic may have been mutated).
    private static bool IsOrder(string text) => text.Contains("\"orderStatus\"", StringComparison.Ordinal) || text.Contains("\"cumExecQty\"", StringComparison.Ordinal);

    /// <summary>The records as the serializer writes them, or null for a refusal of the kinds the private stream counts as malformed.</summary>
    private static string? Attempt(Func<string> decode)
    {
        try
        {
            return decode();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
