using System.Globalization;
using MarketMaking.Data.Bybit;
using MarketMaking.Data.Bybit.Trading;

namespace MarketMaking.Data.Tests.Bybit.Trading;

/// <summary>The private stream against a local server speaking docs/v5/websocket/wss-authentication.mdx, pushing the documented examples.</summary>
public sealed class BybitPrivateStreamTests : IAsyncLifetime
{
    private static readonly BybitCredentials Credentials = new("stream-key", "stream-secret");

    private BybitTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BybitTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // decoded straight from the socket's bytes, never made a string
    public async Task AuthenticatesSubscribesAndDecodesEveryTopic(bool keepRaw)
    {
        string[]? auth = null;
        string[]? topics = null;
        _server.Stream = async socket =>
        {
            Assert.Equal("private", socket.Category);
            auth = await socket.ExpectAsync("auth");
            topics = await socket.ExpectAsync("subscribe");
            foreach (string example in new[] { "ws-order.json", "ws-execution.json", "ws-position.json", "ws-wallet.json" })
            {
                await socket.SendAsync(PrivateExamples.Text(example));
            }
        };
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000));
        BybitPrivateStreamOptions options = Options(clock);
        var stream = new BybitPrivateStream(Credentials, options with { Connection = options.Connection with { KeepRaw = keepRaw } });

        List<BybitPrivateMessage> messages = await ReadAsync(stream, 5);
        Assert.Equal(keepRaw ? PrivateExamples.Text("ws-order.json") : "", messages[1].Raw);

        Assert.Equal("stream-key", auth![0]);
        long expires = long.Parse(auth[1], CultureInfo.InvariantCulture);
        Assert.Equal(1700000010000, expires); // now + 10 s
        Assert.Equal(BybitSigner.SignWebSocketAuth(Credentials, expires), auth[2]);
        Assert.Equal(["order", "execution", "position", "wallet"], topics!);
        Assert.Equal(
            [BybitPrivateMessageKind.Connected, BybitPrivateMessageKind.Order, BybitPrivateMessageKind.Execution, BybitPrivateMessageKind.Position, BybitPrivateMessageKind.Wallet],
            messages.Select(m => m.Kind));
        Assert.Equal("5cf98598-39a7-459e-97bf-76ca765ee020", Assert.Single(messages[1].Orders).OrderId);
        Assert.Equal(95900.1m, Assert.Single(messages[2].Executions).ExecPrice);
        Assert.Equal(1746270400355, messages[2].CreationTime);
        Assert.Equal("BTCUSDT", Assert.Single(messages[3].Positions).Symbol);
        Assert.Equal("UNIFIED", Assert.Single(messages[4].Wallets).AccountType);
    }

    [Fact]
    public async Task ALostConnectionIsReportedThenReplacedWithAFreshAuth()
    {
        var auths = new List<string[]>();
        _server.Stream = async socket =>
        {
            auths.Add(await socket.ExpectAsync("auth"));
            await socket.ExpectAsync("subscribe");
            if (socket.Index == 0)
            {
                await Task.Delay(100);
                socket.Drop();
                return;
            }

            await socket.SendAsync(PrivateExamples.Text("ws-order.json"));
        };
        var stream = new BybitPrivateStream(Credentials, Options(TimeProvider.System));

        List<BybitPrivateMessage> messages = await ReadAsync(stream, 4);

        Assert.Equal(
            [BybitPrivateMessageKind.Connected, BybitPrivateMessageKind.Disconnected, BybitPrivateMessageKind.Connected, BybitPrivateMessageKind.Order],
            messages.Select(m => m.Kind));
        Assert.Equal(2, auths.Count);
        Assert.Equal(1, stream.Reconnects);
    }

    [Fact]
    public async Task ARefusedAuthIsAnApiExceptionWithBybitsMessage()
    {
        _server.RefuseAuth = "Params Error";
        _server.Stream = async socket => await socket.ExpectAsync("auth");
        var stream = new BybitPrivateStream(Credentials, Options(TimeProvider.System));

        var error = await Assert.ThrowsAsync<BybitApiException>(() => ReadAsync(stream, 1));

        Assert.Equal("Params Error", error.ExchangeMessage);
        Assert.DoesNotContain("stream-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMalformedPushIsSkippedAndCounted()
    {
        _server.Stream = async socket =>
        {
            await socket.ExpectAsync("auth");
            await socket.ExpectAsync("subscribe");
            await socket.SendAsync("""{"topic":"order","id":"1","creationTime":1,"data":[{"orderStatus":"Sleeping"}]}""");
            await socket.SendAsync("""{"id":"2","topic":"greeks","creationTime":1,"data":[]}""");
            await socket.SendAsync(PrivateExamples.Text("ws-wallet.json"));
        };
        var stream = new BybitPrivateStream(Credentials, Options(TimeProvider.System));

        List<BybitPrivateMessage> messages = await ReadAsync(stream, 4);

        Assert.Equal([BybitPrivateMessageKind.Connected, BybitPrivateMessageKind.Malformed, BybitPrivateMessageKind.Malformed, BybitPrivateMessageKind.Wallet], messages.Select(m => m.Kind));
        Assert.Equal(2, stream.MalformedMessages);
        Assert.Equal("""{"id":"2","topic":"greeks","creationTime":1,"data":[]}""", messages[2].Raw); // the text of a skipped message, to look at
        Assert.Contains("unexpected topic 'greeks'", messages[2].Detail, StringComparison.Ordinal);
    }

    private BybitPrivateStreamOptions Options(TimeProvider clock) => new()
    {
        Url = BybitEnvironment.Local(_server.BaseUrl).PrivateStream,
        Connection = new BybitFeedOptions { ReconnectDelay = TimeSpan.FromMilliseconds(10), TimeProvider = clock },
    };

    private static async Task<List<BybitPrivateMessage>> ReadAsync(BybitPrivateStream stream, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var messages = new List<BybitPrivateMessage>();
        await foreach (BybitPrivateMessage message in stream.ReadAsync(timeout.Token))
        {
            messages.Add(message);
            if (messages.Count == count)
            {
                break;
            }
        }

        return messages;
    }
}
