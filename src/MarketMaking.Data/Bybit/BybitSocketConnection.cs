using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace MarketMaking.Data.Bybit;

/// <summary>
/// One WebSocket connection to a Bybit stream: sends an optional first message (the private
/// stream's <c>auth</c>) and subscribes on open, pings on a timer, and reads whole text messages.
/// Any failure ends the connection (the stream then opens a new one).
/// </summary>
internal sealed class BybitSocketConnection : IAsyncDisposable
{
    private static readonly byte[] Ping = """{"op":"ping"}"""u8.ToArray();

    private readonly ClientWebSocket _socket;
    private readonly BybitFeedOptions _options;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _life = new();
    private readonly ArrayBufferWriter<byte> _message = new(16 * 1024);
    private Task _pinging = Task.CompletedTask;

    // One receive deadline for the connection's life, re-armed per receive (CancelAfter moves its timer):
    // a new linked source and timer per message would allocate for every message.
    private CancellationTokenSource? _receiveDeadline;
    private CancellationToken _receiveDeadlineFor;

    private BybitSocketConnection(ClientWebSocket socket, BybitFeedOptions options)
    {
        _socket = socket;
        _options = options;
    }

    /// <summary>Why the connection ended, once <see cref="ReceiveAsync"/> has returned null.</summary>
    public string CloseReason { get; private set; } = "";

    /// <summary>Local time (ns since the epoch) the last message's final frame was read, before it is decoded: where tick-to-order starts.</summary>
    public long ReceivedAt { get; private set; }

    /// <param name="first">Sent before the subscription (the private stream's auth request); null for none.</param>
    public static async Task<BybitSocketConnection> OpenAsync(Uri url, IReadOnlyList<string> topics, BybitFeedOptions options, CancellationToken cancellationToken, byte[]? first = null)
    {
        var socket = new ClientWebSocket();
        var connection = new BybitSocketConnection(socket, options);
        try
        {
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connectTimeout.CancelAfter(options.ConnectTimeout);
                await socket.ConnectAsync(url, connectTimeout.Token).ConfigureAwait(false);
            }

            if (first is not null)
            {
                await connection.SendAsync(first, cancellationToken).ConfigureAwait(false);
            }

            await connection.SendAsync(Operation("subscribe", topics), cancellationToken).ConfigureAwait(false);
            connection._pinging = connection.PingAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Asks for a fresh snapshot of one topic: Bybit sends one on every subscription.</summary>
    public async Task ResubscribeAsync(string topic, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(Operation("unsubscribe", [topic]), cancellationToken).ConfigureAwait(false);
            await SendAsync(Operation("subscribe", [topic]), cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException)
        {
            // The connection is dying: the next receive notices, and a new connection brings fresh snapshots.
        }
    }

    /// <summary>The next text message, or null when the connection closed, failed or fell silent.</summary>
    public async Task<string?> ReceiveAsync(CancellationToken cancellationToken) =>
        await ReceiveUtf8Async(cancellationToken).ConfigureAwait(false) ? Encoding.UTF8.GetString(Received.Span) : null;

    /// <summary>The last message's UTF-8 bytes, valid until the next receive.</summary>
    public ReadOnlyMemory<byte> Received => _message.WrittenMemory;

    /// <summary>Reads the next text message into <see cref="Received"/>; false when the connection closed, failed or fell silent.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> ReceiveUtf8Async(CancellationToken cancellationToken)
    {
        if (_receiveDeadline is null || _receiveDeadlineFor != cancellationToken)
        {
            _receiveDeadline?.Dispose();
            _receiveDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _life.Token);
            _receiveDeadlineFor = cancellationToken;
        }

        CancellationTokenSource silence = _receiveDeadline;
        silence.CancelAfter(_options.ReceiveTimeout);
        _message.ResetWrittenCount();
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult result = await _socket.ReceiveAsync(_message.GetMemory(8 * 1024), silence.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    CloseReason = $"closed by the server ({_socket.CloseStatus} {_socket.CloseStatusDescription})";
                    return false;
                }

                _message.Advance(result.Count);
                if (result.EndOfMessage)
                {
                    silence.CancelAfter(Timeout.InfiniteTimeSpan); // disarmed: the time the reader takes is not silence
                    ReceivedAt = (_options.TimeProvider.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
                    return true;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            CloseReason = $"nothing received for {_options.ReceiveTimeout.TotalSeconds:0.###} s";
            return false;
        }
        catch (WebSocketException e)
        {
            CloseReason = e.Message;
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _life.CancelAsync().ConfigureAwait(false);
        await _pinging.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Abort();
        _socket.Dispose();
        _receiveDeadline?.Dispose();
        _life.Dispose();
        _sendLock.Dispose();
    }

    // ClientWebSocket allows one send at a time; pings and subscriptions share the socket.
    private async Task SendAsync(byte[] message, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task PingAsync()
    {
        using var timer = new PeriodicTimer(_options.PingInterval, _options.TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(_life.Token).ConfigureAwait(false))
            {
                await SendAsync(Ping, _life.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The receive side notices a dead connection; the pinger just stops.
        }
    }

    private static byte[] Operation(string op, IReadOnlyList<string> topics) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["op"] = op, ["args"] = topics });
}
