using System.Net.WebSockets;
using System.Text.Json;
using MarketMaking.Data.Bybit;

namespace MarketMaking.Venue.Tests;

/// <summary>
/// REST /v5/market/orderbook against the public stream (docs/v5/market/orderbook.mdx: REST's <c>u</c>
/// "corresponds to u in the 1000-level WebSocket orderbook stream"; <c>seq</c> is the cross sequence
/// every depth shares): a REST book is the stream's book at the same u, so a client can take it and
/// apply the deltas after it.
/// </summary>
public sealed class OrderBookUpdateIdTests
{
    [Fact]
    public async Task ARestBookIsTheThousandLevelStreamsBookAtItsUpdateIdWithItsSequence()
    {
        await using LocalVenue venue = await Venues.StartAsync(Venues.Busy, new VenueSettings { Speed = 20 });
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(venue.Environment.PublicStream(BybitCategory.Linear), CancellationToken.None);
        await Sockets.Send(socket, """{"req_id":"deep","op":"subscribe","args":["orderbook.1000.SIMUSDT","orderbook.50.SIMUSDT"]}""");
        Assert.Contains("\"success\":true", await Sockets.Receive(socket), StringComparison.Ordinal);

        // REST answers while the market moves, some between two 200 ms deltas of the stream.
        var answers = new List<Book>();
        for (int k = 0; k < 8; k++)
        {
            await Task.Delay(70);
            using JsonDocument rest = JsonDocument.Parse(await Http.GetAsync(venue, "/v5/market/orderbook?category=linear&symbol=SIMUSDT&limit=1000"));
            JsonElement result = rest.RootElement.GetProperty("result");
            answers.Add(new Book(result.GetProperty("u").GetInt64(), result.GetProperty("seq").GetInt64(), Levels(result.GetProperty("b")), Levels(result.GetProperty("a"))));
        }

        // The stream's 1000-level book after each u, rebuilt from its snapshot and deltas, up to the last REST u.
        var streamed = new Dictionary<long, Book>();
        var bids = new SortedDictionary<string, string>();
        var asks = new SortedDictionary<string, string>();
        long lastU = 0;
        long lastSeq = 0;
        while (lastU < answers.Max(a => a.U))
        {
            using JsonDocument message = JsonDocument.Parse(await Sockets.Receive(socket));
            JsonElement root = message.RootElement;
            JsonElement data = root.GetProperty("data");
            long u = data.GetProperty("u").GetInt64();
            long seq = data.GetProperty("seq").GetInt64();
            Assert.True(seq >= lastSeq, $"seq {seq} after {lastSeq}: a later book never carries a smaller cross sequence");
            lastSeq = seq;
            if (root.GetProperty("topic").GetString() != "orderbook.1000.SIMUSDT")
            {
                continue;
            }

            bool snapshot = root.GetProperty("type").GetString() == "snapshot";
            Assert.True(snapshot ? lastU == 0 : u == lastU + 1, $"u {u} after {lastU}");
            Apply(bids, data.GetProperty("b"), snapshot);
            Apply(asks, data.GetProperty("a"), snapshot);
            lastU = u;
            streamed[u] = new Book(u, seq, [.. bids.Select(l => (l.Key, l.Value)).OrderByDescending(l => decimal.Parse(l.Key, System.Globalization.CultureInfo.InvariantCulture))], [.. asks.Select(l => (l.Key, l.Value)).OrderBy(l => decimal.Parse(l.Key, System.Globalization.CultureInfo.InvariantCulture))]);
        }

        Assert.True(answers[^1].U > answers[0].U, "the book moved while REST was asked");
        foreach (Book answer in answers)
        {
            Assert.True(streamed.TryGetValue(answer.U, out Book? published), $"REST u {answer.U} was never a u of the stream");
            Assert.Equal(published.Seq, answer.Seq);
            Assert.Equal(published.Bids, answer.Bids);
            Assert.Equal(published.Asks, answer.Asks);
        }
    }

    [Fact]
    public async Task WithoutSubscribersTheThousandLevelStreamStillMovesEvery200Milliseconds()
    {
        await using LocalVenue venue = await Venues.StartAsync(Venues.Busy, new VenueSettings { Speed = 20 });
        await Task.Delay(100);

        (long U, long Seq) before = await venue.OnMarketThread(() => venue.PublicData.ReferenceUpdate);
        await Task.Delay(1000);
        (long U, long Seq) after = await venue.OnMarketThread(() => venue.PublicData.ReferenceUpdate);
        using JsonDocument rest = JsonDocument.Parse(await Http.GetAsync(venue, "/v5/market/orderbook?category=linear&symbol=SIMUSDT&limit=1"));
        long restU = rest.RootElement.GetProperty("result").GetProperty("u").GetInt64();

        // No one subscribes and no one asks: the 1000-level book still takes a u on each of its 200 ms
        // pushes that finds the busy book changed (1 to 6 in a second, allowing for the loop's timing).
        Assert.InRange(after.U - before.U, 1, 6);
        Assert.True(after.Seq > before.Seq);
        Assert.True(restU >= after.U, $"REST u {restU} after the stream's {after.U}");
    }

    private static (string Price, string Size)[] Levels(JsonElement side) =>
        [.. side.EnumerateArray().Select(l => (l[0].GetString()!, l[1].GetString()!))];

    private static void Apply(SortedDictionary<string, string> side, JsonElement levels, bool snapshot)
    {
        if (snapshot)
        {
            side.Clear();
        }

        foreach (JsonElement level in levels.EnumerateArray())
        {
            string size = level[1].GetString()!;
            if (decimal.Parse(size, System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                side.Remove(level[0].GetString()!);
            }
            else
            {
                side[level[0].GetString()!] = size;
            }
        }
    }

    private sealed record Book(long U, long Seq, (string Price, string Size)[] Bids, (string Price, string Size)[] Asks);
}
