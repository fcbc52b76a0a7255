using System.Text.Json;
using MarketMaking.Core.Books;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;
using static MarketMaking.Data.Tests.Bybit.BybitPayloads;

namespace MarketMaking.Data.Tests.Bybit;

public sealed class BybitRecorderTests : IDisposable
{
    private static readonly Instrument Btc = new("BTCUSDT", 0.10, 0.001);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mm-bybit-recorder-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void WritesEachMessageAsReceivedOnePerLine()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2024-12-01T08:15:00Z", System.Globalization.CultureInfo.InvariantCulture));
        string[] book = [Snapshot(10, [("100.0", "1.000")], [("100.5", "1.000")]), Delta(11, [("100.0", "0")], [])];
        string trade = Trade("Buy", "100.50", "0.002");

        using (var recorder = new BybitRecorder(_directory, Btc, clock))
        {
            recorder.Write(Message(BybitFeedMessageKind.OrderBook, book[0]));
            recorder.Write(Message(BybitFeedMessageKind.Trades, trade));
            recorder.Write(Message(BybitFeedMessageKind.OrderBook, book[1]));
            recorder.Write(new BybitFeedMessage { Kind = BybitFeedMessageKind.Malformed, Raw = "{oops", Detail = "skipped" });
            recorder.Write(new BybitFeedMessage { Kind = BybitFeedMessageKind.Kline, Topic = "kline.1.BTCUSDT", Raw = "{}" });
            Assert.Equal(3, recorder.LinesWritten);
        }

        Assert.Equal(book, Lines("2024-12-01T08_BTCUSDT_ob50.data"));
        Assert.Equal([trade], Lines("2024-12-01T08_BTCUSDT_trade.data"));
        Assert.Equal(2, Directory.GetFiles(_directory).Length);
    }

    [Fact]
    public void RotatesEveryHourAndEachOrderBookFileReplaysOnItsOwn()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2024-12-01T12:59:59.500Z", System.Globalization.CultureInfo.InvariantCulture));
        string[] before = [Snapshot(10, [("100.0", "1.000"), ("99.9", "2.000")], [("100.5", "1.500")]), Delta(11, [("100.0", "0"), ("99.8", "0.250")], [("100.6", "4.000")])];
        string after = Delta(12, [("99.9", "2.500")], []);
        string[] trades = [Trade("Buy", "100.50", "0.002"), Trade("Sell", "99.90", "0.010")];
        string[] files;

        using (var recorder = new BybitRecorder(_directory, Btc, clock))
        {
            recorder.Write(Message(BybitFeedMessageKind.OrderBook, before[0]));
            recorder.Write(Message(BybitFeedMessageKind.OrderBook, before[1]));
            recorder.Write(Message(BybitFeedMessageKind.Trades, trades[0]));
            clock.Now = clock.Now.AddSeconds(0.7);
            recorder.Write(Message(BybitFeedMessageKind.OrderBook, after));
            recorder.Write(Message(BybitFeedMessageKind.Trades, trades[1]));
            files = [.. recorder.Files.Select(Path.GetFileName)!];
        }

        Assert.Equal(["2024-12-01T12_BTCUSDT_ob50.data", "2024-12-01T12_BTCUSDT_trade.data", "2024-12-01T13_BTCUSDT_ob50.data", "2024-12-01T13_BTCUSDT_trade.data"], files);
        Assert.Equal(before, Lines(files[0]));
        Assert.Equal([trades[0]], Lines(files[1]));
        Assert.Equal([trades[1]], Lines(files[3]));
        string[] thirteen = Lines(files[2]);
        Assert.Equal(2, thirteen.Length);
        Assert.Equal(after, thirteen[1]);

        // The new hour opens with the recorded book as a snapshot stamped like the last delta before it.
        using JsonDocument synthesized = JsonDocument.Parse(thirteen[0]);
        using JsonDocument lastDelta = JsonDocument.Parse(before[1]);
        JsonElement snapshot = synthesized.RootElement;
        Assert.Equal("orderbook.50.BTCUSDT", snapshot.GetProperty("topic").GetString());
        Assert.Equal("snapshot", snapshot.GetProperty("type").GetString());
        foreach (string field in new[] { "ts", "cts" })
        {
            Assert.Equal(lastDelta.RootElement.GetProperty(field).GetInt64(), snapshot.GetProperty(field).GetInt64());
        }

        Assert.Equal(11, snapshot.GetProperty("data").GetProperty("u").GetInt64());
        OrderBook alone = Replay(thirteen);
        OrderBook whole = Replay([.. before, .. thirteen]);
        Assert.Equal(Levels(whole, Side.Buy), Levels(alone, Side.Buy));
        Assert.Equal(Levels(whole, Side.Sell), Levels(alone, Side.Sell));
        Assert.Equal([(999L, 2500L), (998L, 250L)], Levels(alone, Side.Buy));
        Assert.Equal([(1005L, 1500L), (1006L, 4000L)], Levels(alone, Side.Sell));
    }

    [Fact]
    public void NoSnapshotIsMadeUpFromABookKnownToBeStale()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2024-12-01T12:59:59Z", System.Globalization.CultureInfo.InvariantCulture));
        string delta = Delta(12, [("99.9", "2.500")], []);

        using (var recorder = new BybitRecorder(_directory, Btc, clock))
        {
            recorder.Write(Message(BybitFeedMessageKind.OrderBook, Snapshot(10, [("100.0", "1.000")], [("100.5", "1.500")])));
            recorder.Write(new BybitFeedMessage { Kind = BybitFeedMessageKind.Disconnected, Detail = "connection lost" });
            clock.Now = clock.Now.AddSeconds(2);
            recorder.Write(Message(BybitFeedMessageKind.OrderBook, delta));
        }

        Assert.Equal([delta], Lines("2024-12-01T13_BTCUSDT_ob50.data"));
    }

    [Fact]
    public void PrettyPrintedMessageIsCompactedToOneLine()
    {
        string compact = Snapshot(10, [("100.0", "1.000")], [("100.5", "1.000")]);
        string pretty = JsonSerializer.Serialize(JsonDocument.Parse(compact).RootElement, Indented);

        using (var recorder = new BybitRecorder(_directory, Btc))
        {
            recorder.Write(Message(BybitFeedMessageKind.OrderBook, pretty));
        }

        Assert.Equal([compact], File.ReadAllLines(Directory.GetFiles(_directory).Single()));
    }

    [Fact]
    public async Task StoppingMidStreamWithoutClosingLosesAtMostTheFlushInterval()
    {
        await using BybitTestServer server = await BybitTestServer.StartAsync();
        server.Stream = async socket =>
        {
            await socket.ExpectAsync("subscribe");
            await socket.SendAsync(Snapshot(1, [("100.0", "1.000")], [("100.5", "1.000")]));
            for (long u = 2; ; u++)
            {
                await socket.SendAsync(Delta(u, [("100.0", (u % 7 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".000")], []));
                await socket.SendAsync(Trade(u % 2 == 0 ? "Buy" : "Sell", "100.50", "0.001"));
                await Task.Delay(5);
            }
        };
        var feed = new BybitMarketFeed(BybitCategory.Linear, Btc, [Topic, BybitTopics.Trades("BTCUSDT")], new BybitFeedOptions { BaseUrl = BybitEndpoints.StreamFor(server.BaseUrl) });
        var recorder = new BybitRecorder(_directory, Btc, flushInterval: TimeSpan.FromMilliseconds(200));
        var received = new List<BybitFeedMessage>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            // The process "dies" after 60 messages: reading stops and the recorder is never closed.
            await foreach (BybitFeedMessage message in feed.ReadAsync(stop.Token))
            {
                recorder.Write(message);
                received.Add(message);
                if (received.Count == 60)
                {
                    await stop.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.Delay(600);

        string[] onDisk = [.. recorder.Files.SelectMany(ReadShared)];
        Assert.Equal(60, received.Count);
        Assert.Equal(received.Select(m => m.Raw).Order(StringComparer.Ordinal), onDisk.Order(StringComparer.Ordinal));
        Assert.Contains("\"type\":\"snapshot\"", ReadShared(recorder.Files.Single(f => f.EndsWith("_ob50.data", StringComparison.Ordinal)))[0], StringComparison.Ordinal);
        recorder.Dispose();
    }

    [Fact]
    public void UnwritableFolderIsAnOutputError()
    {
        Directory.CreateDirectory(_directory);
        string file = Path.Combine(_directory, "a-file");
        File.WriteAllText(file, "");

        Assert.Throws<OutputException>(() => new BybitRecorder(file, Btc));
    }

    private static BybitFeedMessage Message(BybitFeedMessageKind kind, string raw)
    {
        BybitFeedDecoder.Decoded decoded = new BybitFeedDecoder(Btc).Decode(raw, 1);
        return new BybitFeedMessage { Kind = kind, Topic = decoded.Topic, Raw = raw, LocalTime = 1, ExchangeTime = decoded.ExchangeTime, Events = decoded.Events };
    }

    private string[] Lines(string fileName) => File.ReadAllLines(Path.Combine(_directory, fileName));

    /// <summary>Reads a file the recorder still holds open, as another process would after a crash.</summary>
    private static string[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static OrderBook Replay(IEnumerable<string> lines)
    {
        var decoder = new BybitFeedDecoder(Btc);
        var book = new OrderBook();
        foreach (string line in lines)
        {
            foreach (Core.MarketData.MarketEvent e in decoder.Decode(line, 0).Events)
            {
                book.Apply(e);
            }
        }

        return book;
    }

    private static List<(long Price, long Size)> Levels(OrderBook book, Side side) =>
        [.. Enumerable.Range(0, book.LevelCount(side)).Select(i => book.Level(side, i)).Select(l => (l.Price, l.Size))];
}
