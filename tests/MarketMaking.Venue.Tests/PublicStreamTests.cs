using System.Net.WebSockets;
using System.Text.Json;
using MarketMaking.Core.Books;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;
using MarketMaking.Data.Files;
using MarketMaking.Data.Verification;

namespace MarketMaking.Venue.Tests;

/// <summary>The public stream against the toolkit's own Bybit feed, recorder, reader and book verifier, unchanged.</summary>
public sealed class PublicStreamTests : IDisposable
{
    private static readonly Instrument Sim = new("SIMUSDT", 0.01, 1);
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-venue-record-").FullName;

    [Fact]
    public async Task TheBybitFeedKeepsInSyncWithTheVenuesBook()
    {
        await using LocalVenue venue = await Venues.StartAsync(Venues.Busy, new VenueSettings { Speed = 20 });
        var feed = new BybitMarketFeed(BybitCategory.Linear, Sim, [BybitTopics.OrderBook(50, "SIMUSDT"), BybitTopics.Trades("SIMUSDT")], new BybitFeedOptions { BaseUrl = venue.Environment.PublicStreamBaseUrl });
        var book = new OrderBook();
        int deltas = 0, trades = 0, snapshots = 0;

        await foreach (BybitFeedMessage message in Read(feed, TimeSpan.FromSeconds(3)))
        {
            Assert.NotEqual(BybitFeedMessageKind.Gap, message.Kind);
            Assert.NotEqual(BybitFeedMessageKind.Malformed, message.Kind);
            if (message.Kind == BybitFeedMessageKind.OrderBook)
            {
                Assert.True(snapshots > 0 || message.IsSnapshot, message.Raw); // a snapshot first
                (snapshots, deltas) = message.IsSnapshot ? (snapshots + 1, deltas) : (snapshots, deltas + 1);
                foreach (MarketEvent e in message.Events)
                {
                    book.Apply(in e);
                }

                Assert.True(book.Best(Side.Buy).Price < book.Best(Side.Sell).Price);
            }

            trades += message.Kind == BybitFeedMessageKind.Trades ? message.Events.Count : 0;
        }

        Assert.True(deltas > 20, $"{deltas} deltas in 3 s (one every 20 ms while the book changes)");
        Assert.True(trades > 0);
        Assert.Equal(1, snapshots); // and only deltas after it
        Assert.Equal(0, feed.Gaps);
    }

    [Fact]
    public async Task ARecordingOfTheVenueRebuildsTheBookItPublished()
    {
        await using LocalVenue venue = await Venues.StartAsync(Venues.Busy, new VenueSettings { Speed = 20 });
        await venue.OnMarketThread(() => venue.PublicData.PublishedTops = []);
        var feed = new BybitMarketFeed(BybitCategory.Linear, Sim, [BybitTopics.OrderBook(50, "SIMUSDT"), BybitTopics.Trades("SIMUSDT")], new BybitFeedOptions { BaseUrl = venue.Environment.PublicStreamBaseUrl });
        using (var recorder = new BybitRecorder(_folder, Sim))
        {
            await foreach (BybitFeedMessage message in Read(feed, TimeSpan.FromSeconds(3)))
            {
                recorder.Write(message);
            }
        }

        var tops = await venue.OnMarketThread(() => venue.PublicData.PublishedTops!.ToList());
        string file = Assert.Single(Directory.GetFiles(_folder, "*_ob50.data"));
        using var reader = new BybitOrderBookReader(file, new MarketDataOptions { Instrument = Sim });
        var quotes = new List<MarketEvent>();
        foreach ((long u, long bidPrice, long bidSize, long askPrice, long askSize) in tops)
        {
            quotes.Add(new MarketEvent(0, 0, MarketEventKind.BestQuote, Side.Buy, bidPrice, bidSize, u, EventMarkers.None));
            quotes.Add(new MarketEvent(0, 0, MarketEventKind.BestQuote, Side.Sell, askPrice, askSize, u, EventMarkers.EndOfBatch));
        }

        BookVerification result = BookVerifier.Verify(new QuotesThenBook(quotes, reader));

        Assert.True(result.Compared > 20, $"{result.Compared} updates compared");
        Assert.Null(result.FirstMismatch);
        Assert.Equal(result.Compared, result.Matched);
    }

    [Fact]
    public async Task LevelOneIsSnapshotsOnlyAndAnUnknownTopicIsRefused()
    {
        await using LocalVenue venue = await Venues.StartAsync(Venues.Busy, new VenueSettings { Speed = 20 });
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(venue.Environment.PublicStream(BybitCategory.Linear), CancellationToken.None);

        await Sockets.Send(socket, """{"req_id":"r1","op":"subscribe","args":["orderbook.1.SIMUSDT"]}""");
        string ack = await Sockets.Receive(socket);
        var types = new List<string>();
        for (int i = 0; i < 10; i++)
        {
            string text = await Sockets.Receive(socket);
            using JsonDocument message = JsonDocument.Parse(text);
            types.Add(message.RootElement.GetProperty("type").GetString()!);
            Assert.True(text.IndexOf("\"ts\"", StringComparison.Ordinal) < text.IndexOf("\"type\"", StringComparison.Ordinal)); // level 1 writes ts first
        }

        Assert.Contains("\"success\":true", ack, StringComparison.Ordinal);
        Assert.Contains("\"req_id\":\"r1\"", ack, StringComparison.Ordinal);
        Assert.All(types, t => Assert.Equal("snapshot", t));

        // Level 500 went offline on 2025-09-30 (docs/v5/websocket/public/orderbook.mdx): refused as any topic not served.
        using var other = new ClientWebSocket();
        await other.ConnectAsync(venue.Environment.PublicStream(BybitCategory.Linear), CancellationToken.None);
        await Sockets.Send(other, """{"req_id":"r2","op":"subscribe","args":["orderbook.500.SIMUSDT"]}""");
        using JsonDocument refused = JsonDocument.Parse(await Sockets.Receive(other));
        JsonElement answer = refused.RootElement;
        Assert.Equal(
            (false, "error:handler not found,topic:orderbook.500.SIMUSDT", "r2", "subscribe"),
            (answer.GetProperty("success").GetBoolean(), answer.GetProperty("ret_msg").GetString(), answer.GetProperty("req_id").GetString(), answer.GetProperty("op").GetString()));
    }

    [Fact]
    public async Task LevelThousandIsASnapshotThenDeltasEvery200Milliseconds()
    {
        await using LocalVenue venue = await Venues.StartAsync(Venues.Busy, new VenueSettings { Speed = 20 });
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(venue.Environment.PublicStream(BybitCategory.Linear), CancellationToken.None);

        await Sockets.Send(socket, """{"req_id":"deep","op":"subscribe","args":["orderbook.1000.SIMUSDT"]}""");
        string ack = await Sockets.Receive(socket);
        var messages = new List<(string Type, long Ts, long U)>();
        for (int i = 0; i < 12; i++)
        {
            using JsonDocument message = JsonDocument.Parse(await Sockets.Receive(socket));
            JsonElement root = message.RootElement;
            Assert.Equal("orderbook.1000.SIMUSDT", root.GetProperty("topic").GetString());
            messages.Add((root.GetProperty("type").GetString()!, root.GetProperty("ts").GetInt64(), root.GetProperty("data").GetProperty("u").GetInt64()));
        }

        Assert.Contains("\"success\":true", ack, StringComparison.Ordinal);
        Assert.Equal(["snapshot", .. Enumerable.Repeat("delta", 11)], messages.Select(m => m.Type));
        Assert.Equal(Enumerable.Range(0, 12).Select(k => messages[0].U + k), messages.Select(m => m.U)); // consecutive u
        // Deltas at least 200 ms apart (less the moment between the venue reading its clock for ts and for the interval).
        long shortest = messages.Skip(2).Zip(messages.Skip(1), (later, earlier) => later.Ts - earlier.Ts).Min();
        Assert.InRange(shortest, 195, 1_000);
    }

    [SharedDataFact]
    public async Task StreamMessagesHaveTheDocumentedShapes()
    {
        await using LocalVenue venue = await Venues.StartAsync(Venues.Busy, new VenueSettings { Speed = 20 });
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(venue.Environment.PublicStream(BybitCategory.Linear), CancellationToken.None);

        await Sockets.Send(socket, """{"op":"subscribe","args":["orderbook.50.SIMUSDT","publicTrade.SIMUSDT"]}""");
        string ack = await Sockets.Receive(socket);
        string? snapshot = null, delta = null, trade = null;
        while (snapshot is null || delta is null || trade is null)
        {
            string text = await Sockets.Receive(socket);
            if (text.Contains("\"snapshot\"", StringComparison.Ordinal) && text.Contains("orderbook", StringComparison.Ordinal))
            {
                snapshot ??= text;
            }
            else if (text.Contains("\"delta\"", StringComparison.Ordinal))
            {
                delta ??= text;
            }
            else if (text.Contains("publicTrade", StringComparison.Ordinal))
            {
                trade ??= text;
            }
        }

        await Sockets.Send(socket, """{"op":"ping"}""");
        string pong;
        do
        {
            pong = await Sockets.Receive(socket);
        }
        while (!pong.Contains("pong", StringComparison.Ordinal));

        Shapes.Same("""{"success":true,"ret_msg":"","conn_id":"3cd84cb1-4d06-4a05-930a-2efe5fc70f0f","req_id":"","op":"subscribe"}""", ack); // wss-authentication.mdx, Linear/Inverse
        Shapes.Same("""{"success":true,"ret_msg":"pong","conn_id":"465772b1-7630-4fdc-a492-e003e6f0f260","req_id":"","op":"ping"}""", pong);
        Shapes.Same(Public("ws_orderbook__response-example__snapshot.json"), snapshot);
        Shapes.Same(Public("ws_orderbook__response-example__delta.json"), delta);
        Shapes.Same(Public("ws_publicTrade__response-example.json"), trade);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Public(string name)
    {
        // The snapshot example elides levels with "..."; drop those lines and the commas they leave.
        string text = File.ReadAllText(Path.Combine(SharedData.Folder!, "bybit-v5-api", name));
        text = System.Text.RegularExpressions.Regex.Replace(text, @"\.\.\.\s*,?", "");
        return System.Text.RegularExpressions.Regex.Replace(text, @",(\s*[\]}])", "$1");
    }

    private static async IAsyncEnumerable<BybitFeedMessage> Read(BybitMarketFeed feed, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        IAsyncEnumerator<BybitFeedMessage> messages = feed.ReadAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        try
        {
            while (true)
            {
                try
                {
                    if (!await messages.MoveNextAsync())
                    {
                        yield break;
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    yield break;
                }

                yield return messages.Current;
            }
        }
        finally
        {
            await messages.DisposeAsync();
        }
    }

    /// <summary>The venue's published quotes first (they wait for the book), then the recorded file's events.</summary>
    private sealed class QuotesThenBook(List<MarketEvent> quotes, IMarketEventSource book) : IMarketEventSource
    {
        private int _next;

        public Instrument Instrument => book.Instrument;

        public void Dispose()
        {
        }

        public int Read(Span<MarketEvent> destination)
        {
            if (_next < quotes.Count)
            {
                int n = Math.Min(destination.Length, quotes.Count - _next);
                for (int i = 0; i < n; i++)
                {
                    destination[i] = quotes[_next + i];
                }

                _next += n;
                return n;
            }

            return book.Read(destination);
        }
    }
}
