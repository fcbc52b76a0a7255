using System.Text.Json;

namespace MarketMaking.Data.Tests.Bybit;

public sealed class DocumentedExamplesTests
{
    [Fact]
    public void CommentLinesAndSeveralDocumentsAreSeparated()
    {
        Assert.Equal(["""{"a":1}""", """{"a":2}"""], DocumentedExamples.Documents("// first\n{\n  \"a\": 1\n}\n\n// second\n{\"a\": 2}\n"));
    }

    [Fact]
    public void LabelLinesAreDropped()
    {
        Assert.Equal(["""{"b":true}""", """{"b":false}"""], DocumentedExamples.Documents("LinearPerpetual\n{\"b\":\n true\n}\nLinearFutures\n{\"b\": false}"));
    }

    [Fact]
    public void PlaceholdersAndTheCommasTheyLeaveAreRemoved()
    {
        Assert.Equal(["""{"b":[["1","2"]],"a":[["3","4"]]}"""], DocumentedExamples.Documents("{\"b\": [\n ...,\n [\"1\", \"2\"]\n],\n\"a\": [\n [\"3\", \"4\"],\n ...,\n],\n}"));
    }

    [SharedDataFact]
    public void EveryPublishedResponseExampleIsServableJson()
    {
        foreach (string file in Directory.GetFiles(DocumentedExamples.Folder!, "*.json"))
        {
            IReadOnlyList<string> documents = DocumentedExamples.Load(Path.GetFileName(file));
            Assert.NotEmpty(documents);
            Assert.All(documents, d => Assert.DoesNotContain('\n', d));
        }

        Assert.Equal(2, DocumentedExamples.Load("rest_instruments-info__response-example__linear.json").Count);
        Assert.Equal(2, DocumentedExamples.Load("ws_tickers__response-example__linear.json").Count);
        using JsonDocument snapshot = JsonDocument.Parse(DocumentedExamples.Single("ws_orderbook__response-example__snapshot.json"));
        Assert.Equal(2, snapshot.RootElement.GetProperty("data").GetProperty("b").GetArrayLength());
        Assert.Equal(2, snapshot.RootElement.GetProperty("data").GetProperty("a").GetArrayLength());
        Assert.Equal(18521288, snapshot.RootElement.GetProperty("data").GetProperty("u").GetInt64());
    }
}
