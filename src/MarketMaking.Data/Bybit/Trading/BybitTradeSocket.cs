using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using MarketMaking.Core.Errors;
using MarketMaking.Data.Bybit.Trading.Json;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// Bybit V5's WebSocket order entry (docs/v5/websocket/trade/guideline.mdx): one connection to
/// <c>/v5/trade</c>, authenticated as the private stream is (<c>{"op":"auth","args":[key, expires,
/// signature]}</c>), then <c>order.create</c>, <c>order.amend</c> and <c>order.cancel</c>, each with a
/// <c>reqId</c> matching its answer and a header carrying X-BAPI-TIMESTAMP and X-BAPI-RECV-WINDOW.
/// The bodies are the REST bodies (the same writer). Answers carry the same rate-limit figures as
/// REST's headers. An order request skips the HTTP stack (no request object, no headers, no
/// connection pool): what is left between a decision and the wire is the body and one frame.
/// The connection opens (and authenticates) on first use and again after it drops; requests in
/// flight when it drops end as <see cref="BybitConnectionException"/> (their outcome is unknown:
/// the order stream or reconciliation tells). Demo trading has none (<see cref="BybitEnvironment.TradeStream"/>).
/// </summary>
public sealed class BybitTradeSocket : IAsyncDisposable
{
    private static readonly TimeSpan AuthExpiry = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(20);
    private static readonly byte[] Ping = """{"op":"ping"}"""u8.ToArray();

    private readonly BybitCredentials _credentials;
    private readonly BybitTradingOptions _options;
    private readonly Func<TimeSpan> _clockOffset;
    private readonly Uri _url;
    private readonly string _recvWindow;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly BybitRequestBuffer _buffer;
    private readonly byte[] _timestamp = new byte[20]; // the header's digits, written under the send lock
    private readonly byte[] _requestId = new byte[20]; // the reqId's digits, likewise
    private readonly ConcurrentDictionary<long, Waiting> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private ClientWebSocket? _socket;
    private TaskCompletionSource<BybitTradeAnswer>? _auth;
    private Task _receiving = Task.CompletedTask;
    private Task? _pinging;
    private Task? _expiring;
    private long _nextRequest;

    /// <param name="credentials">The API key and secret.</param>
    /// <param name="options">The environment (its <see cref="BybitEnvironment.TradeStream"/>), receive window, timeout and clock.</param>
    /// <param name="clockOffset">The venue's clock minus ours (the REST client's <see cref="BybitTradingClient.ClockOffset"/>); null: none.</param>
    public BybitTradeSocket(BybitCredentials credentials, BybitTradingOptions options, Func<TimeSpan>? clockOffset = null)
    {
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _url = options.Environment.TradeStream
            ?? throw new InvalidParameterException("order-entry", $"{options.Environment.Name} has no WebSocket order entry (Bybit's demo trading does not offer it): use REST");
        _clockOffset = clockOffset ?? (() => TimeSpan.Zero);
        _recvWindow = ((long)options.RecvWindow.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        _buffer = new BybitRequestBuffer(credentials);
    }

    /// <summary>Called with each request's bytes just before they are handed to the socket (a measurement's hook); null: nothing.</summary>
    public Action<ReadOnlyMemory<byte>>? Sending { get; init; }

    /// <summary><c>order.create</c>.</summary>
    public Task<BybitReply<BybitOrderAck>> PlaceOrderAsync(BybitOrderRequest order, CancellationToken cancellationToken = default) =>
        SendAsync("order.create", order ?? throw new ArgumentNullException(nameof(order)), static (w, o) => BybitRequestWriter.Write(w, o), cancellationToken);

    /// <summary><c>order.amend</c>.</summary>
    public Task<BybitReply<BybitOrderAck>> AmendOrderAsync(BybitAmendRequest amend, CancellationToken cancellationToken = default) =>
        SendAsync("order.amend", amend ?? throw new ArgumentNullException(nameof(amend)), static (w, a) => BybitRequestWriter.Write(w, a), cancellationToken);

    /// <summary><c>order.cancel</c>.</summary>
    public Task<BybitReply<BybitOrderAck>> CancelOrderAsync(BybitCancelRequest cancel, CancellationToken cancellationToken = default) =>
        SendAsync("order.cancel", cancel ?? throw new ArgumentNullException(nameof(cancel)), static (w, c) => BybitRequestWriter.Write(w, c), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        _socket?.Abort();
        await _receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (Task? loop in new[] { _pinging, _expiring })
        {
            if (loop is not null)
            {
                await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        _socket?.Dispose();
        _buffer.Dispose();
        _sending.Dispose();
        _closing.Dispose();
    }

    // Nothing on the way out arms a timer: each request carries its deadline, and one sweep (see
    // ExpireAsync) fails the requests whose answer is late. Only opening a connection is timed itself.
    private async Task<BybitReply<BybitOrderAck>> SendAsync<T>(string op, T body, Action<Utf8JsonWriter, T> write, CancellationToken cancellationToken)
    {
        long id = Interlocked.Increment(ref _nextRequest); // a number, not text: no string made per request
        var answer = new Waiting(_options.TimeProvider.GetTimestamp() + (long)(_options.Timeout.TotalSeconds * _options.TimeProvider.TimestampFrequency));
        _pending[id] = answer;
        try
        {
            if (!await _sending.WaitAsync(_options.Timeout, cancellationToken).ConfigureAwait(false))
            {
                throw new TimeoutException();
            }

            try
            {
                ClientWebSocket socket = _socket is { State: WebSocketState.Open } open ? open : await OpenTimedAsync(cancellationToken).ConfigureAwait(false);
                _buffer.Begin();
                Utf8JsonWriter writer = _buffer.Writer;
                writer.WriteStartObject();
                id.TryFormat(_requestId, out int idDigits, default, CultureInfo.InvariantCulture);
                writer.WriteString("reqId"u8, _requestId.AsSpan(0, idDigits));
                writer.WriteStartObject("header"u8);
                Timestamp().TryFormat(_timestamp, out int digits, default, CultureInfo.InvariantCulture);
                writer.WriteString("X-BAPI-TIMESTAMP"u8, _timestamp.AsSpan(0, digits));
                writer.WriteString("X-BAPI-RECV-WINDOW"u8, _recvWindow);
                writer.WriteEndObject();
                writer.WriteString("op"u8, op);
                writer.WriteStartArray("args"u8);
                write(writer, body);
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.Flush();
                Sending?.Invoke(_buffer.Written);
                await socket.SendAsync(_buffer.Written, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _sending.Release();
            }

            BybitTradeAnswer reply;
            using (cancellationToken.UnsafeRegister(static (state, token) => ((Waiting)state!).TrySetCanceled(token), answer))
            {
                reply = await answer.Task.ConfigureAwait(false);
            }

            if (reply.RetCode != 0)
            {
                throw new BybitApiException($"WS {op}", reply.RetCode, reply.RetMsg) { RateLimit = reply.RateLimit };
            }

            return new BybitReply<BybitOrderAck>(new BybitOrderAck { OrderId = reply.OrderId, OrderLinkId = reply.OrderLinkId }, reply.RateLimit, reply.ServerTime, BybitExtInfo.Empty);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new BybitTimeoutException($"WS {op}", _options.Timeout, e);
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            throw new BybitConnectionException($"WS {op}", $"the order-entry connection to {_url} failed: {e.Message}", e);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Opens the connection within the timeout. Called holding the send lock.</summary>
    private async Task<ClientWebSocket> OpenTimedAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        _expiring ??= ExpireAsync();
        return await OpenAsync(timeout.Token).ConfigureAwait(false);
    }

    /// <summary>Fails each request whose answer is later than its deadline, ten times a timeout.</summary>
    private async Task ExpireAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, _options.Timeout.Ticks / 10)), _options.TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(_closing.Token).ConfigureAwait(false))
            {
                long now = _options.TimeProvider.GetTimestamp();
                foreach (KeyValuePair<long, Waiting> pending in _pending)
                {
                    if (now >= pending.Value.Deadline)
                    {
                        pending.Value.TrySetException(new TimeoutException());
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    /// <summary>The open, authenticated connection: opened (and authenticated) now when there is none. Called holding the send lock.</summary>
    private async Task<ClientWebSocket> OpenAsync(CancellationToken cancellationToken)
    {
        if (_socket is { State: WebSocketState.Open } open)
        {
            return open;
        }

        _socket?.Dispose();
        var socket = new ClientWebSocket();
        _socket = socket;
        await socket.ConnectAsync(_url, cancellationToken).ConfigureAwait(false);
        _auth = new TaskCompletionSource<BybitTradeAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiving = ReceiveAsync(socket);
        _pinging ??= PingAsync();

        long expires = (_options.TimeProvider.GetUtcNow() + _clockOffset() + AuthExpiry).ToUnixTimeMilliseconds();
        _buffer.Begin();
        BybitSigner.WriteWebSocketAuth(_buffer.Writer, _credentials, expires);
        _buffer.Writer.Flush();
        await socket.SendAsync(_buffer.Written, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        BybitTradeAnswer auth = await _auth.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (auth.RetCode != 0)
        {
            socket.Abort();
            throw new BybitApiException("WS auth", auth.RetCode, auth.RetMsg);
        }

        return socket;
    }

    /// <summary>Hands each answer to its request until the connection ends; then fails what is still waiting.</summary>
    private async Task ReceiveAsync(ClientWebSocket socket)
    {
        var message = new ArrayBufferWriter<byte>(4096);
        Exception ended = new WebSocketException("the connection closed");
        try
        {
            while (!_closing.IsCancellationRequested)
            {
                message.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(message.GetMemory(4096), _closing.Token).ConfigureAwait(false);
                    message.Advance(result.Count);
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                BybitTradeAnswer answer = BybitTradeAnswer.Parse(message.WrittenSpan);
                if (answer.Op == "auth")
                {
                    _auth?.TrySetResult(answer);
                }
                else if (_pending.TryGetValue(answer.RequestId, out Waiting? waiting))
                {
                    waiting.TrySetResult(answer);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or JsonException or ObjectDisposedException)
        {
            ended = e as WebSocketException ?? new WebSocketException(e.Message, e);
        }

        _auth?.TrySetException(ended);
        foreach (Waiting waiting in _pending.Values)
        {
            waiting.TrySetException(ended);
        }
    }

    /// <summary>Keeps the connection alive as Bybit asks (a ping every 20 s).</summary>
    private async Task PingAsync()
    {
        using var timer = new PeriodicTimer(PingInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_closing.Token).ConfigureAwait(false))
            {
                await _sending.WaitAsync(_closing.Token).ConfigureAwait(false);
                try
                {
                    if (_socket is { State: WebSocketState.Open } socket)
                    {
                        await socket.SendAsync(Ping, WebSocketMessageType.Text, endOfMessage: true, _closing.Token).ConfigureAwait(false);
                    }
                }
                catch (WebSocketException)
                {
                    // The connection dropped: the next request opens another.
                }
                finally
                {
                    _sending.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private long Timestamp() => (_options.TimeProvider.GetUtcNow() + _clockOffset()).ToUnixTimeMilliseconds();

    /// <summary>A request waiting for its answer, with the timestamp (of the options' clock) past which it gives up.</summary>
    private sealed class Waiting(long deadline) : TaskCompletionSource<BybitTradeAnswer>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public long Deadline { get; } = deadline;
    }
}
