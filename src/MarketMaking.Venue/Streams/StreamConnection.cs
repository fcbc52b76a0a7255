using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace MarketMaking.Venue.Streams;

/// <summary>
/// One WebSocket client of the venue (public or private): its topics, its outgoing queue (filled
/// by the market thread and by the connection's own answers, emptied by one send loop) and the
/// fault state kept for it (when it is to be dropped, a message held back to be reordered,
/// messages delayed). A client too slow to keep up with its queue is disconnected.
/// </summary>
internal sealed class StreamConnection
{
    private const int QueueCapacity = 20_000;

    private readonly HttpContext _context;
    private readonly WebSocket _socket;
    private readonly Channel<byte[]> _out = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private int _closed;

    public StreamConnection(long index, bool isPrivate, HttpContext context, WebSocket socket, TimeSpan opened)
    {
        Index = index;
        IsPrivate = isPrivate;
        _context = context;
        _socket = socket;
        Opened = opened;
        Id = $"venue-{index:x8}";
    }

    /// <summary>0 for the venue's first connection, then 1, 2, ...: keys the connection's fault decisions.</summary>
    public long Index { get; }

    public bool IsPrivate { get; }

    /// <summary>Bybit's <c>conn_id</c>.</summary>
    public string Id { get; }

    /// <summary>When it opened, since the venue started.</summary>
    public TimeSpan Opened { get; }

    /// <summary>When a drop_connection fault cuts it (since the venue started); null: never.</summary>
    public TimeSpan? DropAt { get; set; }

    public volatile bool Authenticated;

    /// <summary>Topics subscribed to; changed and read on the market thread only.</summary>
    public HashSet<string> Topics { get; } = new(StringComparer.Ordinal);

    /// <summary>Order-book deltas offered to this connection so far (the skip_delta key).</summary>
    public long Deltas { get; set; }

    /// <summary>Private messages offered to this connection so far (the private faults' key).</summary>
    public long PrivateMessages { get; set; }

    /// <summary>A private message held back by private_reorder, sent after the next one.</summary>
    public byte[]? Held { get; set; }

    /// <summary>When <see cref="Held"/> was held back (since the venue started).</summary>
    public TimeSpan HeldSince { get; set; }

    /// <summary>Private messages delayed by private_delay, with when they are due (since the venue started).</summary>
    public List<(TimeSpan Due, byte[] Message)> Delayed { get; } = [];

    public bool IsClosed => Volatile.Read(ref _closed) == 1;

    /// <summary>Queues a message; a full queue (a client not reading) ends the connection.</summary>
    public void Send(byte[] message)
    {
        if (!_out.Writer.TryWrite(message) && !IsClosed)
        {
            Abort();
        }
    }

    /// <summary>Cuts the connection at once, without a close handshake (as a network failure does).</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _out.Writer.TryComplete();
            _context.Abort();
        }
    }

    /// <summary>
    /// Serves the connection until the client leaves or <paramref name="stopping"/>: queued messages go
    /// out while each whole text message received is handed to <paramref name="handle"/>; then it is cut.
    /// </summary>
    public async Task ServeAsync(Func<StreamConnection, ReadOnlyMemory<byte>, Task> handle, CancellationToken stopping)
    {
        try
        {
            using var life = CancellationTokenSource.CreateLinkedTokenSource(stopping, _context.RequestAborted);
            Task sending = SendLoopAsync(life.Token);
            await ReceiveLoopAsync(handle, life.Token).ConfigureAwait(false);
            await life.CancelAsync().ConfigureAwait(false);
            await sending.ConfigureAwait(false);
        }
        finally
        {
            Abort();
        }
    }

    /// <summary>Sends queued messages until the connection ends.</summary>
    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (byte[] message in _out.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The client left or the venue is stopping.
        }
        finally
        {
            Abort();
        }
    }

    /// <summary>Reads whole text messages and hands each to <paramref name="handle"/> until the client leaves.</summary>
    private async Task ReceiveLoopAsync(Func<StreamConnection, ReadOnlyMemory<byte>, Task> handle, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (!IsClosed)
            {
                int length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                await handle(this, buffer.AsMemory(0, length)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The client left, was dropped, or the venue is stopping.
        }
        finally
        {
            Abort();
        }
    }
}
