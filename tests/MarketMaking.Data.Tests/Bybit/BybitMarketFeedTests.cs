using MarketMaking.Core.Books;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;
using static MarketMaking.Data.Tests.Bybit.BybitPayloads;

namespace MarketMaking.Data.Tests.Bybit;

public sealed class BybitMarketFeedTests : IAsyncLifetime
{
    // BTCUSDT linear as the documented instruments-info example describes it.
    private static readonly Instrument Btc = new("BTCUSDT", 0.10, 0.001);

    private BybitTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BybitTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [SharedDataFact]
    public async Task DocumentedSnapshotReplacesTheBook()
    {
        _server.Stream = async socket =>
        {
            Assert.Equal("linear", socket.Category);
            Assert.Equal([Topic], await socket.ExpectAsync("subscribe"));
            await socket.SendAsync(DocumentedExamples.Single("ws_orderbook__response-example__snapshot.json"));
        };

        List<BybitFeedMessage> messages = await ReadAsync(Feed(Topic), count: 1);

        BybitFeedMessage snapshot = Assert.Single(messages);
        Assert.Equal(BybitFeedMessageKind.OrderBook, snapshot.Kind);
        Assert.True(snapshot.IsSnapshot);
        Assert.Equal(1672304484978L * 1_000_000, snapshot.ExchangeTime);
        Assert.Equal(
            [
                (MarketEventKind.BookClear, Side.Buy, 0L, 0L),
                (MarketEventKind.BookLevel, Side.Buy, 164935L, 6L),
                (MarketEventKind.BookLevel, Side.Buy, 164930L, 100L),
                (MarketEventKind.BookLevel, Side.Sell, 166110L, 29L),
                (MarketEventKind.BookLevel, Side.Sell, 166120L, 213L),
            ],
            snapshot.Events.Select(e => (e.Kind, e.Side, e.Price, e.Size)));
        Assert.All(snapshot.Events, e => Assert.Equal(18521288, e.Id));
        Assert.All(snapshot.Events, e => Assert.True((e.Markers & EventMarkers.Snapshot) != 0));
        Assert.Equal([false, false, false, false, true], snapshot.Events.Select(e => e.IsEndOfBatch));
    }

    [SharedDataTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DocumentedDeltaUpdatesSizesAndDeletesZeroLevels(bool keepRaw)
    {
        // A snapshot one update before the documented delta (u = 177400507), holding the levels it deletes.
        string snapshot = Snapshot(177400506,
            [("30247.20", "1.000"), ("30240.30", "2.000"), ("30240.00", "5.000"), ("30239.90", "0.700")],
            [("30248.70", "3.000"), ("30249.60", "1.000"), ("30252.50", "9.000"), ("30260.00", "0.400")]);
        _server.Stream = async socket =>
        {
            await socket.ExpectAsync("subscribe");
            await socket.SendAsync(snapshot);
            await socket.SendAsync(DocumentedExamples.Single("ws_orderbook__response-example__delta.json"));
        };

        List<BybitFeedMessage> messages = await ReadAsync(Feed(Topic, new BybitFeedOptions { KeepRaw = keepRaw }), count: 2);

        // Decoded from the socket's bytes either way; the text is kept only when asked for.
        Assert.Equal(keepRaw ? snapshot : "", messages[0].Raw);
        OrderBook book = Rebuild(messages);
        Assert.Equal([(302472L, 30028L), (302454L, 224L), (302421L, 1593L), (302403L, 1305L), (302399L, 700L)], Levels(book, Side.Buy));
        Assert.Equal([(302493L, 892L), (302495L, 1778L), (302519L, 2947L), (302522L, 659L), (302525L, 4591L), (302600L, 400L)], Levels(book, Side.Sell));
        Assert.Equal(1687940967466L * 1_000_000, messages[1].ExchangeTime);
        Assert.True(messages[1].Events[^1].IsEndOfBatch);
        Assert.All(messages[1].Events, e => Assert.Equal(EventMarkers.None, e.Markers & EventMarkers.Snapshot));
    }

    [SharedDataFact]
    public async Task DocumentedTradeCarriesTheAggressorSide()
    {
        _server.Stream = async socket =>
        {
            await socket.ExpectAsync("subscribe");
            await socket.SendAsync(DocumentedExamples.Single("ws_publicTrade__response-example.json"));
        };

        List<BybitFeedMessage> messages = await ReadAsync(Feed(BybitTopics.Trades("BTCUSDT")), count: 1);

        MarketEvent trade = Assert.Single(messages[0].Events);
        Assert.Equal(BybitFeedMessageKind.Trades, messages[0].Kind);
        Assert.Equal(new MarketEvent(1672304486865L * 1_000_000, trade.LocalTime, MarketEventKind.Trade, Side.Buy, 165785, 1, 1783284617, EventMarkers.EndOfBatch), trade);
        Assert.True(trade.LocalTime > 0);
    }

    [SharedDataFact]
    public async Task DocumentedKlineIsDecoded()
    {
        _server.Stream = async socket =>
        {
            await socket.ExpectAsync("subscribe");
            await socket.SendAsync(DocumentedExamples.Single("ws_kline__response-example.json"));
        };

        List<BybitFeedMessage> messages = await ReadAsync(Feed(BybitTopics.Kline(BybitKlineInterval.Parse("5"), "BTCUSDT")), count: 1);

        Assert.Equal(BybitFeedMessageKind.Kline, messages[0].Kind);
        Assert.Empty(messages[0].Events);
        Assert.Equal(new BybitKline(1672324800000L * 1_000_000, 16649.5m, 16677m, 16608m, 16677m, 2.081m, 34666.4005m, IsClosed: false), Assert.Single(messages[0].Klines));
    }

    [Fact]
    public async Task SnapshotWithUpdateIdOneReplacesTheBookAfterARestart()
    {
        _server.Stream = async socket =>
        {
            await socket.ExpectAsync("subscribe");
            await socket.SendAsync(Snapshot(100, [("100.0", "1.000")], [("100.5", "1.000")]));
            await socket.SendAsync(Delta(101, [("99.9", "2.000")], []));
            await socket.SendAsync(Snapshot(1, [("200.0", "3.000")], [("200.5", "4.000")]));
            await socket.SendAsync(Delta(2, [("199.9", "5.000")], [("200.5", "0")]));
        };
        BybitMarketFeed feed = Feed(Topic);

        List<BybitFeedMessage> messages = await ReadAsync(feed, count: 4);

        OrderBook book = Rebuild(messages);
        Assert.Equal([(2000L, 3000L), (1999L, 5000L)], Levels(book, Side.Buy));
        Assert.Empty(Levels(book, Side.Sell));
        Assert.Equal(0, feed.Gaps);
    }

    [Fact]
    public async Task DeltaBeforeAnySnapshotIsDropped()
    {
        _server.Stream = async socket =>
        {
            await socket.ExpectAsync("subscribe");
            await socket.SendAsync(Delta(9, [("50.0", "1.000")], []));
            await socket.SendAsync(Snapshot(10, [("100.0", "1.000")], [("100.5", "1.000")]));
            await socket.SendAsync(Delta(11, [("100.1", "1.000")], []));
        };

        List<BybitFeedMessage> messages = await ReadAsync(Feed(Topic), count: 2);

        Assert.True(messages[0].IsSnapshot);
        Assert.Equal(11, messages[1].Events[0].Id);
        Assert.DoesNotContain(messages.SelectMany(m => m.Events), e => e.Price == 500);
    }

    [Fact]
    public async Task UpdateIdGapIsNeverAppliedAndTheBookIsRebuiltFromAFreshSnapshot()
    {
        var resubscribed = new TaskCompletionSource<string[]>();
        _server.Stream = async socket =>
        {
            await socket.ExpectAsync("subscribe");
            await socket.SendAsync(Snapshot(10, [("100.0", "1.000")], [("100.5", "1.000")]));
            await socket.SendAsync(Delta(11, [("100.1", "1.000")], []));
            await socket.SendAsync(Delta(13, [("77.7", "7.000")], []));   // u = 12 was lost
            await socket.SendAsync(Delta(14, [("88.8", "8.000")], []));   // still stale: must not be applied either
            Assert.Equal([Topic], await socket.ExpectAsync("unsubscribe"));
            resubscribed.SetResult(await socket.ExpectAsync("subscribe"));
            await socket.SendAsync(Delta(15, [("99.9", "9.000")], []));   // before the snapshot: dropped
            await socket.SendAsync(Snapshot(20, [("101.0", "2.000")], [("101.5", "3.000")]));
            await socket.SendAsync(Delta(21, [("100.9", "4.000")], []));
        };
        BybitMarketFeed feed = Feed(Topic);

        List<BybitFeedMessage> messages = await ReadAsync(feed, count: 5);

        Assert.Equal(
            [BybitFeedMessageKind.OrderBook, BybitFeedMessageKind.OrderBook, BybitFeedMessageKind.Gap, BybitFeedMessageKind.OrderBook, BybitFeedMessageKind.OrderBook],
            messages.Select(m => m.Kind));
        Assert.Equal("orderbook.50.BTCUSDT: expected update 12, got 13; delta dropped, resubscribing", messages[2].Detail);
        Assert.Empty(messages[2].Events);
        Assert.True(messages[3].IsSnapshot);
        long[] stale = [777, 888, 999];
        Assert.DoesNotContain(messages.SelectMany(m => m.Events), e => stale.Contains(e.Price));
        Assert.Equal([Topic], await resubscribed.Task);
        OrderBook book = Rebuild(messages);
        Assert.Equal([(1010L, 2000L), (1009L, 4000L)], Levels(book, Side.Buy));
        Assert.Equal([(1015L, 3000L)], Levels(book, Side.Sell));
        Assert.Equal(1, feed.Gaps);
        Assert.Equal(1, _server.Connections);
    }

    [Fact]
    public async Task ResubscriptionWithoutASnapshotFallsBackToReconnecting()
    {
        _server.Stream = async socket =>
        {
            await socket.ExpectAsync("subscribe");
            if (socket.Index == 0)
            {
                await socket.SendAsync(Snapshot(10, [("100.0", "1.000")], [("100.5", "1.000")]));
                await socket.SendAsync(Delta(12, [], []));
                for (long u = 13; u < 60; u++)
                {
                    await socket.SendAsync(Delta(u, [("50.0", "1.000")], []));   // never a snapshot on this connection
                    await Task.Delay(20);
                }

                return;
            }

            await socket.SendAsync(Snapshot(100, [("101.0", "2.000")], [("101.5", "3.000")]));
        };
        BybitMarketFeed feed = Feed(Topic, new BybitFeedOptions { ResyncTimeout = TimeSpan.FromMilliseconds(200) });

        List<BybitFeedMessage> messages = await ReadAsync(feed, count: 4);

        Assert.Equal([BybitFeedMessageKind.OrderBook, BybitFeedMessageKind.Gap, BybitFeedMessageKind.Disconnected, BybitFeedMessageKind.OrderBook], messages.Select(m => m.Kind));
        Assert.DoesNotContain(messages.SelectMany(m => m.Events), e => e.Price == 500);
        Assert.StartsWith("no fresh snapshot within 0.2 s of resubscribing", messages[2].Detail, StringComparison.Ordinal);
        Assert.Equal(2, _server.Connections);
    }

    [Fact]
    public async Task DroppedConnectionReconnectsAndResynchronizesFromAFreshSnapshot()
    {
        _server.Stream = async socket =>
        {
            Assert.Equal([Topic, "publicTrade.BTCUSDT"], await socket.ExpectAsync("subscribe"));
            if (socket.Index == 0)
            {
                await socket.SendAsync(Snapshot(10, [("100.0", "1.000")], [("100.5", "1.000")]));
                await socket.SendAsync(Delta(11, [("100.1", "1.000")], []));
                await socket.SendAsync(Trade("Sell", "100.10", "0.500"));
                await Task.Delay(100);
                socket.Drop();
                return;
            }

            await socket.SendAsync(Delta(55, [("66.6", "1.000")], []));   // delta of the new subscription before its snapshot
            await socket.SendAsync(Snapshot(56, [("102.0", "2.000")], [("102.5", "3.000")]));
            await socket.SendAsync(Delta(57, [], [("102.5", "0"), ("102.6", "1.500")]));
        };
        BybitMarketFeed feed = Feed([Topic, BybitTopics.Trades("BTCUSDT")]);

        List<BybitFeedMessage> messages = await ReadAsync(feed, count: 6);

        Assert.Equal(
            [BybitFeedMessageKind.OrderBook, BybitFeedMessageKind.OrderBook, BybitFeedMessageKind.Trades, BybitFeedMessageKind.Disconnected, BybitFeedMessageKind.OrderBook, BybitFeedMessageKind.OrderBook],
            messages.Select(m => m.Kind));
        Assert.Equal(new MarketEvent(messages[2].Events[0].ExchangeTime, messages[2].LocalTime, MarketEventKind.Trade, Side.Sell, 1001, 500, 1783284617, EventMarkers.EndOfBatch), messages[2].Events[0]);
        Assert.True(messages[4].IsSnapshot);
        Assert.DoesNotContain(messages.SelectMany(m => m.Events), e => e.Price == 666);
        OrderBook book = Rebuild(messages);
        Assert.Equal([(1020L, 2000L)], Levels(book, Side.Buy));
        Assert.Equal([(1026L, 1500L)], Levels(book, Side.Sell));
        Assert.Equal(1, feed.Reconnects);
        Assert.Equal(2, _server.Connections);
    }

    [Fact]
    public async Task SilentConnectionIsReplaced()
    {
        _server.AnswerPings = false;
        _server.Stream = async socket =>
        {
            await socket.ExpectAsync("subscribe");
            await socket.SendAsync(Snapshot(socket.Index + 1, [("100.0", "1.000")], [("100.5", "1.000")]));
        };
        // 3 s, not 1: under a loaded CI machine the replacement's connect, subscribe and snapshot once took over a second, and it was dropped as silent too.
        BybitMarketFeed feed = Feed(Topic, new BybitFeedOptions { ReceiveTimeout = TimeSpan.FromSeconds(3) });

        List<BybitFeedMessage> messages = await ReadAsync(feed, count: 3);

        Assert.Equal([BybitFeedMessageKind.OrderBook, BybitFeedMessageKind.Disconnected, BybitFeedMessageKind.OrderBook], messages.Select(m => m.Kind));
        Assert.Equal("nothing received for 3 s; reconnecting, books are stale until their next snapshot", messages[1].Detail);
    }

    [Fact]
    public async Task MalformedMessagesAreReportedCountedAndSkipped()
    {
        _server.Stream = async socket =>
        {
            await socket.ExpectAsync("subscribe");
            await socket.SendAsync(Snapshot(10, [("100.0", "1.000")], [("100.5", "1.000")]));
            await socket.SendAsync("{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"da");
            await socket.SendAsync(Delta(11, [("abc", "1.000")], []));
            await socket.SendAsync("""{"topic":"tickers.BTCUSDT","type":"snapshot","ts":1,"data":{}}""");
            await socket.SendAsync(Snapshot(20, [("100.0", "2.000")], [("100.5", "2.000")]));
        };
        BybitMarketFeed feed = Feed(Topic);

        List<BybitFeedMessage> messages = await ReadAsync(feed, count: 5);

        Assert.Equal(
            [BybitFeedMessageKind.OrderBook, BybitFeedMessageKind.Malformed, BybitFeedMessageKind.Malformed, BybitFeedMessageKind.Malformed, BybitFeedMessageKind.OrderBook],
            messages.Select(m => m.Kind));
        Assert.All(messages.Where(m => m.Kind == BybitFeedMessageKind.Malformed), m => Assert.StartsWith("skipped a malformed message", m.Detail, StringComparison.Ordinal));
        Assert.Equal("{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"da", messages[1].Raw);
        Assert.Equal(3, feed.MalformedMessages);
        Assert.Equal([(1000L, 2000L)], Levels(Rebuild(messages), Side.Buy));
    }

    [Fact]
    public async Task PingGoesOutEveryIntervalAndPongsAreNotData()
    {
        _server.Stream = async socket =>
        {
            await socket.ExpectAsync("subscribe");
            await socket.SendAsync(Snapshot(1, [("100.0", "1.000")], [("100.5", "1.000")]));
            // Waits for the pings rather than for a time: a loaded machine delays them, never skips the check.
            var hung = System.Diagnostics.Stopwatch.StartNew();
            while (_server.Pings < 3 && hung.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(20);
            }

            await socket.SendAsync(Snapshot(2, [("100.0", "1.000")], [("100.5", "1.000")]));
        };
        BybitMarketFeed feed = Feed(Topic, new BybitFeedOptions { PingInterval = TimeSpan.FromMilliseconds(100) });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        List<BybitFeedMessage> messages = await ReadAsync(feed, count: 2);

        Assert.All(messages, m => Assert.Equal(BybitFeedMessageKind.OrderBook, m.Kind));
        Assert.InRange(_server.Pings, 3, clock.ElapsedMilliseconds / 100 + 1);
        Assert.Equal(0, feed.MalformedMessages);
    }

    [Fact]
    public async Task RefusedSubscriptionIsATypedError()
    {
        _server.RefuseSubscriptions = "Invalid symbol :[orderbook.50.BTCUSDT]";

        var error = await Assert.ThrowsAsync<BybitApiException>(() => ReadAsync(Feed(Topic), count: 1));

        Assert.Equal("Bybit subscribe orderbook.50.BTCUSDT: Invalid symbol :[orderbook.50.BTCUSDT]", error.Message);
        Assert.Null(error.Code);
        Assert.Equal([Topic], error.Topics);   // what mm record names the option by
    }

    [Fact]
    public async Task UnreachableStreamGivesUpAfterTheAllowedAttempts()
    {
        // The replacement starts before the old server stops, so it cannot be given the closed port again.
        BybitTestServer old = _server;
        Uri closed = old.BaseUrl;
        _server = await BybitTestServer.StartAsync();
        await old.DisposeAsync();
        var feed = new BybitMarketFeed(BybitCategory.Linear, Btc, [Topic], new BybitFeedOptions
        {
            BaseUrl = BybitEndpoints.StreamFor(closed),
            MaxReconnectAttempts = 3,
            ReconnectDelay = TimeSpan.FromMilliseconds(10),
        });

        var error = await Assert.ThrowsAsync<BybitConnectionException>(() => ReadAsync(feed, count: 1));

        Assert.Contains("cannot connect after 3 attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TopicsOfAnotherSymbolAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new BybitMarketFeed(BybitCategory.Linear, Btc, ["orderbook.50.ETHUSDT"]));
        Assert.Throws<ArgumentException>(() => new BybitMarketFeed(BybitCategory.Linear, Btc, ["tickers.BTCUSDT"]));
        Assert.Throws<ArgumentException>(() => new BybitMarketFeed(BybitCategory.Linear, Btc, []));
    }

    private BybitMarketFeed Feed(string topic, BybitFeedOptions? options = null) => Feed([topic], options);

    private BybitMarketFeed Feed(string[] topics, BybitFeedOptions? options = null) =>
        new(BybitCategory.Linear, Btc, topics, (options ?? new BybitFeedOptions()) with
        {
            BaseUrl = BybitEndpoints.StreamFor(_server.BaseUrl),
            ReconnectDelay = TimeSpan.FromMilliseconds(20),
        });

    /// <summary>Reads the first <paramref name="count"/> messages, failing after 15 s rather than hanging.</summary>
    private static async Task<List<BybitFeedMessage>> ReadAsync(BybitMarketFeed feed, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var messages = new List<BybitFeedMessage>();
        await foreach (BybitFeedMessage message in feed.ReadAsync(timeout.Token))
        {
            messages.Add(message);
            if (messages.Count == count)
            {
                break;
            }
        }

        return messages;
    }

    private static OrderBook Rebuild(IEnumerable<BybitFeedMessage> messages)
    {
        var book = new OrderBook();
        foreach (MarketEvent e in messages.SelectMany(m => m.Events))
        {
            book.Apply(e);
        }

        return book;
    }

    private static List<(long Price, long Size)> Levels(OrderBook book, Side side) =>
        [.. Enumerable.Range(0, book.LevelCount(side)).Select(i => book.Level(side, i)).Select(l => (l.Price, l.Size))];
}
