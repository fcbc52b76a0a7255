using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using MarketMaking.Core.Instruments;

namespace MarketMaking.Data.Bybit;

/// <summary>
/// Bybit V5 public stream of one instrument (<c>orderbook.{depth}</c>, <c>publicTrade</c>, <c>kline</c>
/// topics) as market events in its ticks and lots, with the raw messages for a recorder.
/// <para>
/// Order books follow Bybit's rules: a snapshot (including one with u = 1 after a service restart)
/// replaces the book; a delta applies only when its update id is the previous one plus 1. On a gap
/// the delta is not applied, the topic is resubscribed, and every delta is dropped until the fresh
/// snapshot arrives, so no delta ever reaches a stale book. A ping goes out every 20 s; a lost
/// connection is replaced with exponential backoff, resubscribed, and resynchronized from snapshots.
/// </para>
/// </summary>
public sealed class BybitMarketFeed
{
    private readonly Uri _url;
    private readonly BybitFeedOptions _options;
    private readonly BybitFeedDecoder _decoder;
    private readonly Dictionary<string, BookSync> _books = [];
    private readonly List<BybitFeedMessage> _out = [];
    private int _reading;
    private readonly StreamReconnects _connections;
    private int _gaps;
    private int _malformed;

    public BybitMarketFeed(BybitCategory category, Instrument instrument, IEnumerable<string> topics, BybitFeedOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(topics);
        _options = options ?? new BybitFeedOptions();
        Instrument = instrument;
        Topics = [.. topics];
        if (Topics.Count == 0)
        {
            throw new ArgumentException("subscribe to at least one topic", nameof(topics));
        }

        foreach (string topic in Topics)
        {
            bool known = topic.StartsWith("orderbook.", StringComparison.Ordinal) || topic.StartsWith("publicTrade.", StringComparison.Ordinal) || topic.StartsWith("kline.", StringComparison.Ordinal);
            if (!known || !topic.EndsWith("." + instrument.Symbol, StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{topic}' is not an orderbook, publicTrade or kline topic of {instrument.Symbol}", nameof(topics));
            }

            if (topic.StartsWith("orderbook.", StringComparison.Ordinal))
            {
                _books[topic] = new BookSync();
            }
        }

        _url = BybitEndpoints.PublicStream(_options.BaseUrl, category);
        _connections = new StreamReconnects(_url, _options);
        _decoder = new BybitFeedDecoder(instrument);
    }

    public Instrument Instrument { get; }

    public IReadOnlyList<string> Topics { get; }

    /// <summary>Connections opened after the first one.</summary>
    public int Reconnects => _connections.Reconnects;

    /// <summary>Update-id gaps seen (each one resubscribed).</summary>
    public int Gaps => Volatile.Read(ref _gaps);

    /// <summary>Messages that could not be decoded and were skipped.</summary>
    public int MalformedMessages => Volatile.Read(ref _malformed);

    /// <summary>
    /// Connects and yields messages until <paramref name="cancellationToken"/> is cancelled. Throws
    /// <see cref="BybitApiException"/> when Bybit refuses a subscription and
    /// <see cref="BybitConnectionException"/> after <see cref="BybitFeedOptions.MaxReconnectAttempts"/>
    /// consecutive failed connections. One reader at a time.
    /// </summary>
    public async IAsyncEnumerable<BybitFeedMessage> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _reading, 1) == 1)
        {
            throw new InvalidOperationException("the feed is already being read");
        }

        try
        {
            _connections.Succeeded();
            while (true)
            {
                BybitSocketConnection connection = await _connections.OpenAsync(Topics, static () => null, cancellationToken).ConfigureAwait(false);
                string reason;
                await using (connection.ConfigureAwait(false))
                {
                    foreach (BookSync book in _books.Values)
                    {
                        book.Synced = false;
                        book.StaleSince = Now();
                    }

                    while (true)
                    {
                        if (!await connection.ReceiveUtf8Async(cancellationToken).ConfigureAwait(false))
                        {
                            reason = connection.CloseReason;
                            break;
                        }

                        Step step = Handle(connection.Received, connection.ReceivedAt);
                        foreach (BybitFeedMessage message in _out)
                        {
                            yield return message;
                        }

                        if (step.Resubscribe is { } topic)
                        {
                            await connection.ResubscribeAsync(topic, cancellationToken).ConfigureAwait(false);
                        }

                        if (step.Reconnect)
                        {
                            reason = $"no fresh snapshot within {_options.ResyncTimeout.TotalSeconds:0.###} s of resubscribing";
                            break;
                        }
                    }
                }

                // Said at once, not after reconnecting: from now on every book is stale.
                yield return Notice(BybitFeedMessageKind.Disconnected, "", "", $"{reason}; reconnecting, books are stale until their next snapshot");
                await _connections.AfterDropAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    /// <summary>Decodes one message received at <paramref name="now"/> and decides what to yield (into <see cref="_out"/>) and whether to resubscribe or reconnect.</summary>
    private Step Handle(ReadOnlyMemory<byte> utf8, long now)
    {
        _out.Clear();
        BybitFeedDecoder.Decoded decoded;
        try
        {
            decoded = _decoder.Decode(utf8, now);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException or OverflowException or IndexOutOfRangeException)
        {
            Interlocked.Increment(ref _malformed);
            _out.Add(Notice(BybitFeedMessageKind.Malformed, "", Text(utf8), $"skipped a malformed message: {e.Message}"));
            return default;
        }

        switch (decoded.Kind)
        {
            case BybitFeedDecoder.DecodedKind.Control:
                if (!decoded.Success && decoded.Operation == "subscribe")
                {
                    throw new BybitApiException($"subscribe {string.Join(',', Topics)}", null, decoded.Message) { Topics = Topics };
                }

                return default;
            case BybitFeedDecoder.DecodedKind.OrderBook:
                return HandleBook(decoded, utf8, now);
            default:
                _connections.Succeeded();
                _out.Add(Data(decoded, utf8, now));
                return default;
        }
    }

    private Step HandleBook(BybitFeedDecoder.Decoded decoded, ReadOnlyMemory<byte> utf8, long now)
    {
        if (!_books.TryGetValue(decoded.Topic, out BookSync? book))
        {
            Interlocked.Increment(ref _malformed);
            _out.Add(Notice(BybitFeedMessageKind.Malformed, decoded.Topic, Text(utf8), "skipped a message of a topic not subscribed to"));
            return default;
        }

        if (decoded.IsSnapshot)
        {
            book.Synced = true;
            book.LastUpdateId = decoded.UpdateId;
            _connections.Succeeded();
            _out.Add(Data(decoded, utf8, now));
            return default;
        }

        if (!book.Synced)
        {
            // Waiting for the snapshot: this delta belongs to a book we do not have.
            return new Step(null, now - book.StaleSince > _options.ResyncTimeout.Ticks * 100);
        }

        if (decoded.UpdateId != book.LastUpdateId + 1)
        {
            book.Synced = false;
            book.StaleSince = now;
            Interlocked.Increment(ref _gaps);
            _out.Add(Notice(BybitFeedMessageKind.Gap, decoded.Topic, Text(utf8), $"{decoded.Topic}: expected update {book.LastUpdateId + 1}, got {decoded.UpdateId}; delta dropped, resubscribing"));
            return new Step(decoded.Topic, false);
        }

        book.LastUpdateId = decoded.UpdateId;
        _connections.Succeeded();
        _out.Add(Data(decoded, utf8, now));
        return default;
    }

    private static string Text(ReadOnlyMemory<byte> utf8) => Encoding.UTF8.GetString(utf8.Span);

    private BybitFeedMessage Data(BybitFeedDecoder.Decoded decoded, ReadOnlyMemory<byte> utf8, long now) => new()
    {
        Kind = decoded.Kind switch
        {
            BybitFeedDecoder.DecodedKind.OrderBook => BybitFeedMessageKind.OrderBook,
            BybitFeedDecoder.DecodedKind.Trades => BybitFeedMessageKind.Trades,
            _ => BybitFeedMessageKind.Kline,
        },
        Topic = decoded.Topic,
        Raw = _options.KeepRaw ? Text(utf8) : "",
        LocalTime = now,
        ExchangeTime = decoded.ExchangeTime,
        Events = decoded.Events,
        Klines = decoded.Klines,
    };

    private BybitFeedMessage Notice(BybitFeedMessageKind kind, string topic, string raw, string detail) =>
        new() { Kind = kind, Topic = topic, Raw = raw, LocalTime = Now(), Detail = detail };

    private long Now() => (_options.TimeProvider.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;

    /// <summary>Update-id state of one order-book topic.</summary>
    private sealed class BookSync
    {
        public bool Synced { get; set; }

        public long LastUpdateId { get; set; }

        /// <summary>When the book went stale (ns), to give up on a resubscription that brings no snapshot.</summary>
        public long StaleSince { get; set; }
    }

    /// <summary>What the reader does after yielding: resubscribe a topic, or replace the connection.</summary>
    private readonly record struct Step(string? Resubscribe, bool Reconnect);
}
