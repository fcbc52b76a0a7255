using System.Globalization;
using System.Text.Json;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;

namespace MarketMaking.Data.Bybit;

/// <summary>
/// Turns one public-stream message into market events in the instrument's ticks and lots. The whole
/// message is decoded before anything is returned, so a malformed message never half-applies.
/// </summary>
internal sealed class BybitFeedDecoder
{
    private readonly Instrument _instrument;
    private readonly List<MarketEvent> _events = [];

    public BybitFeedDecoder(Instrument instrument)
    {
        _instrument = instrument;
    }

    /// <summary>Decodes <paramref name="raw"/>; throws <see cref="JsonException"/>, <see cref="FormatException"/> or the like when it is malformed.</summary>
    public Decoded Decode(string raw, long localTime) => Decode(System.Text.Encoding.UTF8.GetBytes(raw), localTime);

    /// <summary>Decodes a message from its UTF-8 bytes, as the socket delivered them.</summary>
    public Decoded Decode(ReadOnlyMemory<byte> utf8, long localTime)
    {
        using JsonDocument document = JsonDocument.Parse(utf8);
        JsonElement root = document.RootElement;
        if (root.TryGetProperty("op", out JsonElement op))
        {
            return new Decoded
            {
                Kind = DecodedKind.Control,
                Operation = op.GetString() ?? "",
                Success = !root.TryGetProperty("success", out JsonElement success) || success.GetBoolean(),
                Message = root.TryGetProperty("ret_msg", out JsonElement message) ? message.GetString() ?? "" : "",
            };
        }

        string topic = root.GetProperty("topic").GetString() ?? throw new FormatException("topic is null");
        long exchangeTime = BybitJson.MillisAsNanos(root, "ts");
        JsonElement data = root.GetProperty("data");
        _events.Clear();
        if (topic.StartsWith("orderbook.", StringComparison.Ordinal))
        {
            bool snapshot = root.GetProperty("type").GetString() switch
            {
                "snapshot" => true,
                "delta" => false,
                var other => throw new FormatException($"unknown order-book message type '{other}'"),
            };
            long updateId = BybitJson.Long(data.GetProperty("u"));
            EventMarkers markers = snapshot ? EventMarkers.Snapshot : EventMarkers.None;
            if (snapshot)
            {
                _events.Add(new MarketEvent(exchangeTime, localTime, MarketEventKind.BookClear, Side.Buy, 0, 0, updateId, markers));
            }

            AddLevels(data.GetProperty("b"), Side.Buy, exchangeTime, localTime, updateId, markers);
            AddLevels(data.GetProperty("a"), Side.Sell, exchangeTime, localTime, updateId, markers);
            return new Decoded { Kind = DecodedKind.OrderBook, Topic = topic, ExchangeTime = exchangeTime, IsSnapshot = snapshot, UpdateId = updateId, Events = Batch() };
        }

        if (topic.StartsWith("publicTrade.", StringComparison.Ordinal))
        {
            foreach (JsonElement trade in data.EnumerateArray())
            {
                _events.Add(new MarketEvent(
                    BybitJson.MillisAsNanos(trade, "T"),
                    localTime,
                    MarketEventKind.Trade,
                    BybitJson.Side(trade.GetProperty("S")),
                    _instrument.ToTicks(BybitJson.Double(trade.GetProperty("p"))),
                    _instrument.ToLots(BybitJson.Double(trade.GetProperty("v"))),
                    TradeId(trade),
                    EventMarkers.None));
            }

            return new Decoded { Kind = DecodedKind.Trades, Topic = topic, ExchangeTime = exchangeTime, Events = Batch() };
        }

        if (topic.StartsWith("kline.", StringComparison.Ordinal))
        {
            var klines = new List<BybitKline>();
            foreach (JsonElement bar in data.EnumerateArray())
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

            return new Decoded { Kind = DecodedKind.Kline, Topic = topic, ExchangeTime = exchangeTime, Klines = klines };
        }

        throw new FormatException($"unexpected topic '{topic}'");
    }

    private void AddLevels(JsonElement levels, Side side, long exchangeTime, long localTime, long updateId, EventMarkers markers)
    {
        foreach (JsonElement level in levels.EnumerateArray())
        {
            if (level.GetArrayLength() != 2)
            {
                throw new FormatException("a level must be [price, size]");
            }

            double size = BybitJson.Double(level[1]);
            if (!(size >= 0))
            {
                throw new FormatException($"negative size {size.ToString(CultureInfo.InvariantCulture)}");
            }

            _events.Add(new MarketEvent(exchangeTime, localTime, MarketEventKind.BookLevel, side, _instrument.ToTicks(BybitJson.Double(level[0])), _instrument.ToLots(size), updateId, markers));
        }
    }

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

    // Spot trade ids are numbers; derivatives use UUIDs, for which the trade's sequence number stands in.
    private static long TradeId(JsonElement trade) =>
        long.TryParse(trade.GetProperty("i").GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long id)
            ? id
            : trade.TryGetProperty("seq", out JsonElement seq) ? BybitJson.Long(seq) : 0;

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
