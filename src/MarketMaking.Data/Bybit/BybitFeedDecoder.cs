using System.Globalization;
using System.Text.Json;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;

namespace MarketMaking.Data.Bybit;

/// <summary>
/// Turns one public-stream message into market events in the instrument's ticks and lots. The whole
/// message is decoded before anything is returned, so a malformed message never half-applies. Book
/// and trade messages, the hot ones, are read in one forward pass over their bytes (no document, no
/// strings: the topic is matched against the ones seen before); their fields may come in any order.
/// </summary>
internal sealed class BybitFeedDecoder
{
    private const int TopicsRemembered = 16;

    private readonly Instrument _instrument;
    private readonly List<MarketEvent> _events = [];
    private readonly List<(long Price, long Size)> _bids = [];
    private readonly List<(long Price, long Size)> _asks = [];
    private readonly List<(byte[] Utf8, string Text)> _topics = [];

    public BybitFeedDecoder(Instrument instrument)
    {
        _instrument = instrument;
    }

    /// <summary>Decodes <paramref name="raw"/>; throws <see cref="JsonException"/>, <see cref="FormatException"/> or the like when it is malformed.</summary>
    public Decoded Decode(string raw, long localTime) => Decode(System.Text.Encoding.UTF8.GetBytes(raw), localTime);

    /// <summary>Decodes a message from its UTF-8 bytes, as the socket delivered them.</summary>
    public Decoded Decode(ReadOnlyMemory<byte> utf8, long localTime)
    {
        (DecodedKind kind, string topic) = Classify(utf8.Span);
        return kind switch
        {
            DecodedKind.OrderBook => DecodeBook(utf8.Span, topic, localTime),
            DecodedKind.Trades => DecodeTrades(utf8.Span, topic, localTime),
            DecodedKind.Kline => DecodeKlines(utf8, topic),
            _ => DecodeControl(utf8),
        };
    }

    /// <summary>What the message is, from its first <c>topic</c> or <c>op</c> field (Bybit sends it first, so this reads a few bytes).</summary>
    private (DecodedKind Kind, string Topic) Classify(ReadOnlySpan<byte> json)
    {
        Utf8JsonReader reader = Open(json);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("op"u8))
            {
                return (DecodedKind.Control, "");
            }

            bool isTopic = reader.ValueTextEquals("topic"u8);
            reader.Read();
            if (!isTopic)
            {
                reader.Skip();
                continue;
            }

            string topic = Topic(ref reader);
            return topic.StartsWith("orderbook.", StringComparison.Ordinal) ? (DecodedKind.OrderBook, topic)
                : topic.StartsWith("publicTrade.", StringComparison.Ordinal) ? (DecodedKind.Trades, topic)
                : topic.StartsWith("kline.", StringComparison.Ordinal) ? (DecodedKind.Kline, topic)
                : throw new FormatException($"unexpected topic '{topic}'");
        }

        throw new FormatException("the message has no topic");
    }

    private string Topic(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new FormatException("topic is not a string");
        }

        foreach ((byte[] utf8, string text) in _topics)
        {
            if (reader.ValueTextEquals(utf8))
            {
                return text;
            }
        }

        string topic = reader.GetString()!;
        if (_topics.Count < TopicsRemembered)
        {
            _topics.Add((System.Text.Encoding.UTF8.GetBytes(topic), topic));
        }

        return topic;
    }

    private Decoded DecodeBook(ReadOnlySpan<byte> json, string topic, long localTime)
    {
        Utf8JsonReader reader = Open(json);
        bool? snapshot = null;
        long exchangeTime = 0;
        long? updateId = null;
        bool bids = false, asks = false;
        _bids.Clear();
        _asks.Clear();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                snapshot = reader.ValueTextEquals("snapshot"u8) ? true
                    : reader.ValueTextEquals("delta"u8) ? false
                    : throw new FormatException($"unknown order-book message type '{reader.GetString()}'");
            }
            else if (reader.ValueTextEquals("ts"u8))
            {
                reader.Read();
                exchangeTime = BybitJson.Long(ref reader) * BybitJson.NanosPerMilli;
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                StartObject(ref reader, "data");
                while (NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("b"u8))
                    {
                        ReadLevels(ref reader, _bids);
                        bids = true;
                    }
                    else if (reader.ValueTextEquals("a"u8))
                    {
                        ReadLevels(ref reader, _asks);
                        asks = true;
                    }
                    else if (reader.ValueTextEquals("u"u8))
                    {
                        reader.Read();
                        updateId = BybitJson.Long(ref reader);
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (snapshot is not { } isSnapshot || updateId is not { } id || !bids || !asks)
        {
            throw new FormatException($"an order-book message needs type, data.u, data.b and data.a");
        }

        _events.Clear();
        EventMarkers markers = isSnapshot ? EventMarkers.Snapshot : EventMarkers.None;
        if (isSnapshot)
        {
            _events.Add(new MarketEvent(exchangeTime, localTime, MarketEventKind.BookClear, Side.Buy, 0, 0, id, markers));
        }

        foreach ((long price, long size) in _bids)
        {
            _events.Add(new MarketEvent(exchangeTime, localTime, MarketEventKind.BookLevel, Side.Buy, price, size, id, markers));
        }

        foreach ((long price, long size) in _asks)
        {
            _events.Add(new MarketEvent(exchangeTime, localTime, MarketEventKind.BookLevel, Side.Sell, price, size, id, markers));
        }

        return new Decoded { Kind = DecodedKind.OrderBook, Topic = topic, ExchangeTime = exchangeTime, IsSnapshot = isSnapshot, UpdateId = id, Events = Batch() };
    }

    /// <summary>Reads <c>[[price, size], …]</c> after its property name, in ticks and lots.</summary>
    private void ReadLevels(ref Utf8JsonReader reader, List<(long Price, long Size)> levels)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new FormatException("levels must be an array");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType == JsonTokenType.EndArray)
            {
                throw new FormatException("a level must be [price, size]");
            }

            double price = BybitJson.Double(ref reader);
            if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
            {
                throw new FormatException("a level must be [price, size]");
            }

            double size = BybitJson.Double(ref reader);
            if (!(size >= 0))
            {
                throw new FormatException($"negative size {size.ToString(CultureInfo.InvariantCulture)}");
            }

            if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
            {
                throw new FormatException("a level must be [price, size]");
            }

            levels.Add((_instrument.ToTicks(price), _instrument.ToLots(size)));
        }
    }

    private Decoded DecodeTrades(ReadOnlySpan<byte> json, string topic, long localTime)
    {
        Utf8JsonReader reader = Open(json);
        long exchangeTime = 0;
        bool data = false;
        _events.Clear();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("ts"u8))
            {
                reader.Read();
                exchangeTime = BybitJson.Long(ref reader) * BybitJson.NanosPerMilli;
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new FormatException("trade data must be an array");
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    _events.Add(ReadTrade(ref reader, localTime));
                }

                data = true;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!data)
        {
            throw new FormatException("a trade message needs data");
        }

        return new Decoded { Kind = DecodedKind.Trades, Topic = topic, ExchangeTime = exchangeTime, Events = Batch() };
    }

    /// <summary>One trade object; spot trade ids are numbers, derivatives use UUIDs, for which the trade's sequence number stands in.</summary>
    private MarketEvent ReadTrade(ref Utf8JsonReader reader, long localTime)
    {
        StartObject(ref reader, "a trade");
        long time = 0, numericId = 0, sequence = 0;
        Side? side = null;
        double? price = null, size = null;
        bool hasId = false, idIsNumber = false;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("T"u8))
            {
                reader.Read();
                time = BybitJson.Long(ref reader) * BybitJson.NanosPerMilli;
            }
            else if (reader.ValueTextEquals("S"u8))
            {
                reader.Read();
                side = BybitJson.Side(ref reader);
            }
            else if (reader.ValueTextEquals("p"u8))
            {
                reader.Read();
                price = BybitJson.Double(ref reader);
            }
            else if (reader.ValueTextEquals("v"u8))
            {
                reader.Read();
                size = BybitJson.Double(ref reader);
            }
            else if (reader.ValueTextEquals("i"u8))
            {
                reader.Read();
                hasId = true;
                idIsNumber = reader.TokenType == JsonTokenType.String
                    && long.TryParse(reader.ValueIsEscaped ? System.Text.Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan, NumberStyles.Integer, CultureInfo.InvariantCulture, out numericId);
            }
            else if (reader.ValueTextEquals("seq"u8))
            {
                reader.Read();
                sequence = BybitJson.Long(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (side is not { } s || price is not { } p || size is not { } v || !hasId)
        {
            throw new FormatException("a trade needs S, p, v and i");
        }

        return new MarketEvent(time, localTime, MarketEventKind.Trade, s, _instrument.ToTicks(p), _instrument.ToLots(v), idIsNumber ? numericId : sequence, EventMarkers.None);
    }

    // Kline and control messages are rare (once a bar, once a subscription): read through a document.
    private static Decoded DecodeKlines(ReadOnlyMemory<byte> utf8, string topic)
    {
        using JsonDocument document = JsonDocument.Parse(utf8);
        JsonElement root = document.RootElement;
        var klines = new List<BybitKline>();
        foreach (JsonElement bar in root.GetProperty("data").EnumerateArray())
        {
            klines.Add(new BybitKline(
                BybitJson.Long(bar.GetProperty("start")) * BybitJson.NanosPerMilli,
                BybitJson.Decimal(bar.GetProperty("open")),
                BybitJson.Decimal(bar.GetProperty("high")),
                BybitJson.Decimal(bar.GetProperty("low")),
                BybitJson.Decimal(bar.GetProperty("close")),
                BybitJson.Decimal(bar.GetProperty("volume")),
                BybitJson.Decimal(bar.GetProperty("turnover")),
                bar.GetProperty("confirm").GetBoolean()));
        }

        return new Decoded { Kind = DecodedKind.Kline, Topic = topic, ExchangeTime = BybitJson.MillisAsNanos(root, "ts"), Klines = klines };
    }

    private static Decoded DecodeControl(ReadOnlyMemory<byte> utf8)
    {
        using JsonDocument document = JsonDocument.Parse(utf8);
        JsonElement root = document.RootElement;
        return new Decoded
        {
            Kind = DecodedKind.Control,
            Operation = root.GetProperty("op").GetString() ?? "",
            Success = !root.TryGetProperty("success", out JsonElement success) || success.GetBoolean(),
            Message = root.TryGetProperty("ret_msg", out JsonElement message) ? message.GetString() ?? "" : "",
        };
    }

    /// <summary>A reader on the message's opening brace.</summary>
    private static Utf8JsonReader Open(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        StartObject(ref reader, "a message");
        return reader;
    }

    private static void StartObject(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException($"{what} must be a JSON object");
        }
    }

    /// <summary>Moves to the object's next property name; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>The events of this message, the last one marked as the end of the batch.</summary>
    private MarketEvent[] Batch()
    {
        if (_events.Count > 0)
        {
            MarketEvent last = _events[^1];
            _events[^1] = last with { Markers = last.Markers | EventMarkers.EndOfBatch };
        }

        return [.. _events];
    }

    public enum DecodedKind
    {
        Control,
        OrderBook,
        Trades,
        Kline,
    }

    /// <summary>What one message said.</summary>
    public sealed class Decoded
    {
        public DecodedKind Kind { get; init; }

        public string Topic { get; init; } = "";

        public long ExchangeTime { get; init; }

        public bool IsSnapshot { get; init; }

        public long UpdateId { get; init; }

        public IReadOnlyList<MarketEvent> Events { get; init; } = [];

        public IReadOnlyList<BybitKline> Klines { get; init; } = [];

        /// <summary>The control operation answered (<c>subscribe</c>, <c>pong</c>, <c>ping</c>).</summary>
        public string Operation { get; init; } = "";

        public bool Success { get; init; }

        public string Message { get; init; } = "";
    }
}
