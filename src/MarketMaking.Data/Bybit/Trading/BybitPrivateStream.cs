using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using MarketMaking.Data.Bybit.Trading.Json;

namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// Bybit V5's private stream (docs/v5/websocket/wss-authentication.mdx, docs/v5/websocket/private):
/// connects, authenticates (<c>{"op":"auth","args":[key, expires, signature]}</c>), subscribes to
/// <c>order</c>, <c>execution</c>, <c>position</c> and <c>wallet</c>, pings every 20 s, and yields
/// each push as typed records. A lost connection is reported at once as a
/// <see cref="BybitPrivateMessageKind.Disconnected"/> notice (updates may be missed until the next
/// <see cref="BybitPrivateMessageKind.Connected"/>: the caller decides what to do, such as polling
/// over REST) and replaced with exponential backoff, authenticating afresh. A refused
/// authentication or subscription is a <see cref="BybitApiException"/>: retrying with the same
/// credentials would not help.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "Bybit's own name for it; not a System.IO.Stream")]
public sealed class BybitPrivateStream
{
    private static readonly BybitTradingJsonContext Json = BybitTradingJsonContext.Default;

    private readonly BybitCredentials _credentials;
    private readonly BybitPrivateStreamOptions _options;
    private readonly StreamReconnects _connections;
    private int _reading;
    private int _malformed;

    public BybitPrivateStream(BybitCredentials credentials, BybitPrivateStreamOptions? options = null)
    {
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _options = options ?? new BybitPrivateStreamOptions();
        if (_options.Topics.Count == 0)
        {
            throw new ArgumentException("subscribe to at least one topic", nameof(options));
        }

        _connections = new StreamReconnects(_options.Url, _options.Connection);
    }

    /// <summary>Connections opened after the first one.</summary>
    public int Reconnects => _connections.Reconnects;

    /// <summary>Messages that could not be decoded and were skipped.</summary>
    public int MalformedMessages => Volatile.Read(ref _malformed);

    /// <summary>
    /// Connects and yields messages until <paramref name="cancellationToken"/> is cancelled. Throws
    /// <see cref="BybitConnectionException"/> after <see cref="BybitFeedOptions.MaxReconnectAttempts"/>
    /// consecutive failed connections. One reader at a time.
    /// </summary>
    public async IAsyncEnumerable<BybitPrivateMessage> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _reading, 1) == 1)
        {
            throw new InvalidOperationException("the private stream is already being read");
        }

        try
        {
            _connections.Succeeded();
            while (true)
            {
                BybitSocketConnection connection = await _connections.OpenAsync(_options.Topics, AuthRequest, cancellationToken).ConfigureAwait(false);
                string reason;
                await using (connection.ConfigureAwait(false))
                {
                    while (true)
                    {
                        if (!await connection.ReceiveUtf8Async(cancellationToken).ConfigureAwait(false))
                        {
                            reason = connection.CloseReason;
                            break;
                        }

                        if (Handle(connection.Received.Span) is { } message)
                        {
                            yield return message;
                        }
                    }
                }

                yield return Notice(BybitPrivateMessageKind.Disconnected, $"{reason}; reconnecting, updates may be missed until connected again");
                await _connections.AfterDropAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    /// <summary>The auth request for a connection opened now (<c>{"op":"auth","args":[key, expires, signature]}</c>), expiring <see cref="BybitPrivateStreamOptions.AuthExpiry"/> into the server's future.</summary>
    public byte[] AuthRequest()
    {
        long expires = (_options.Connection.TimeProvider.GetUtcNow() + _options.ClockOffset + _options.AuthExpiry).ToUnixTimeMilliseconds();
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            BybitSigner.WriteWebSocketAuth(writer, _credentials, expires);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Decodes one message: an update to yield, a control answer (null, or Connected), or a refusal
    /// (thrown). Updates are read straight from the bytes (no text, no document; orders and fills,
    /// the frequent ones, by <see cref="BybitPrivateDecoder"/>); the text is kept only where
    /// <see cref="BybitFeedOptions.KeepRaw"/> asks for it.
    /// </summary>
    private BybitPrivateMessage? Handle(ReadOnlySpan<byte> utf8)
    {
        long now = Now();
        string raw = _options.Connection.KeepRaw ? Encoding.UTF8.GetString(utf8) : "";
        try
        {
            BybitPrivateMessageKind kind = Kind(utf8);
            if (kind == BybitPrivateMessageKind.Connected)
            {
                return Control(utf8, raw, now);
            }

            return kind switch
            {
                BybitPrivateMessageKind.Order => From(BybitPrivateDecoder.Orders(utf8), kind, raw, now),
                BybitPrivateMessageKind.Execution => From(BybitPrivateDecoder.Executions(utf8), kind, raw, now),
                BybitPrivateMessageKind.Position => From(JsonSerializer.Deserialize(utf8, Json.BybitStreamMessageBybitPosition), kind, raw, now),
                _ => From(JsonSerializer.Deserialize(utf8, Json.BybitStreamMessageBybitWallet), kind, raw, now),
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            Interlocked.Increment(ref _malformed);
            return new BybitPrivateMessage { Kind = BybitPrivateMessageKind.Malformed, LocalTime = now, Raw = raw.Length > 0 ? raw : Encoding.UTF8.GetString(utf8), Detail = $"skipped a malformed message: {e.Message}" };
        }
    }

    /// <summary>What a message is, from its top-level <c>op</c> (a control answer: <see cref="BybitPrivateMessageKind.Connected"/>) or <c>topic</c> (its family, before any dot).</summary>
    private static BybitPrivateMessageKind Kind(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a message is a JSON object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("op"u8))
            {
                return BybitPrivateMessageKind.Connected;
            }

            bool topic = reader.ValueTextEquals("topic"u8);
            reader.Read();
            if (topic && reader.TokenType == JsonTokenType.String)
            {
                ReadOnlySpan<byte> name = reader.ValueSpan;
                int dot = name.IndexOf((byte)'.');
                ReadOnlySpan<byte> family = dot < 0 ? name : name[..dot];
                return family switch
                {
                    _ when family.SequenceEqual("order"u8) => BybitPrivateMessageKind.Order,
                    _ when family.SequenceEqual("execution"u8) => BybitPrivateMessageKind.Execution,
                    _ when family.SequenceEqual("position"u8) => BybitPrivateMessageKind.Position,
                    _ when family.SequenceEqual("wallet"u8) => BybitPrivateMessageKind.Wallet,
                    _ => throw new JsonException($"unexpected topic '{reader.GetString()}'"),
                };
            }

            reader.Skip();
        }

        throw new JsonException("the message has neither op nor topic");
    }

    /// <summary>An answer to auth, subscribe or ping: null, Connected once subscribed, or the refusal thrown.</summary>
    private BybitPrivateMessage? Control(ReadOnlySpan<byte> utf8, string raw, long now)
    {
        var reader = new Utf8JsonReader(utf8);
        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        JsonElement root = document.RootElement;
        string operation = root.GetProperty("op").GetString() ?? "";
        bool success = !root.TryGetProperty("success", out JsonElement flag) || flag.GetBoolean();
        string detail = root.TryGetProperty("ret_msg", out JsonElement message) ? message.GetString() ?? "" : "";
        if (!success && operation is "auth" or "subscribe")
        {
            throw new BybitApiException(operation == "auth" ? $"auth {_credentials}" : $"subscribe {string.Join(',', _options.Topics)}", null, detail) { Topics = operation == "auth" ? [] : _options.Topics };
        }

        return operation == "subscribe"
            ? Subscribed(raw, now)
            : null;
    }

    private BybitPrivateMessage Subscribed(string raw, long now)
    {
        _connections.Succeeded();
        return new BybitPrivateMessage { Kind = BybitPrivateMessageKind.Connected, LocalTime = now, Raw = raw, Detail = "authenticated and subscribed" };
    }

    private static BybitPrivateMessage From<T>(BybitStreamMessage<T>? message, BybitPrivateMessageKind kind, string raw, long now)
    {
        if (message is null)
        {
            throw new JsonException("the message is null");
        }

        return new BybitPrivateMessage
        {
            Kind = kind,
            Topic = message.Topic,
            Id = message.Id,
            CreationTime = message.CreationTime,
            LocalTime = now,
            Raw = raw,
            Orders = message.Data as IReadOnlyList<BybitOrder> ?? [],
            Executions = message.Data as IReadOnlyList<BybitExecution> ?? [],
            Positions = message.Data as IReadOnlyList<BybitPosition> ?? [],
            Wallets = message.Data as IReadOnlyList<BybitWallet> ?? [],
        };
    }

    private BybitPrivateMessage Notice(BybitPrivateMessageKind kind, string detail) =>
        new() { Kind = kind, LocalTime = Now(), Detail = detail };

    private long Now() => (_options.Connection.TimeProvider.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
}
