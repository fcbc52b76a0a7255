using System.Text.Json;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Text;

namespace MarketMaking.Data.Files;

/// <summary>
/// Lines of Bybit's historical order-book files, shaped like the V5 WebSocket messages:
/// <c>{"topic":"orderbook.500.XRPUSDT","type":"snapshot"|"delta","ts":ms,"data":{"s","b","a","u","seq"},"cts":ms}</c>,
/// and publicTrade messages if the file holds them. A snapshot replaces the book (also one with
/// u = 1, sent after Bybit restarts its service); a delta's size 0 deletes the level; each delta's u
/// must be the previous u + 1, or it is a sequence gap.
/// </summary>
/// <remarks>
/// The files carry no receive time: local time is "ts" (when Bybit's system produced the message) and
/// exchange time is "cts" (the matching engine's time). After a gap, a bad delta or a crossed book
/// under <see cref="BadRowPolicy.Skip"/>, the book is cleared and deltas are ignored (and counted as
/// unapplied) until the next snapshot, so no delta is ever applied to a stale book.
/// </remarks>
internal sealed class BybitOrderBookParser(ParseContext context) : JsonLineParser(context)
{
    private const long NanosPerMilli = 1_000_000;

    private readonly CheckedBook _book = new(undoable: false);
    private readonly List<TradeRow> _trades = [];
    private bool _synced;
    private long _lastId;
    private byte[]? _symbol;

    // The message being parsed.
    private Topic _topic;
    private bool _topicSeen;
    private bool _isSnapshot;
    private bool _hasType;
    private long _ts = -1;
    private long _cts = -1;
    private long _updateId = -1;

    private enum Topic
    {
        Other,
        OrderBook,
        Trade,
    }

    public override void Parse(ReadOnlySpan<byte> line, long lineNumber)
    {
        line = line.Trim((byte)' ');
        if (line.IsEmpty)
        {
            return;
        }

        StartMessage();
        _trades.Clear();
        _topic = Topic.Other;
        _hasType = false;
        _ts = _cts = _updateId = -1;
        _topicSeen = false;
        bool parsed = TryParse(line);
        if (parsed && _topic == Topic.Other)
        {
            return; // another topic (tickers, kline...) or a control message: not ours to read
        }

        if (parsed && !HasError)
        {
            CheckRequired();
        }

        if (HasError)
        {
            ReportError(lineNumber);
            LoseBookMessage();
            return;
        }

        long local = _ts * NanosPerMilli;
        if (!Context.AdvanceClock(local, lineNumber, "ts"))
        {
            LoseBookMessage();
            return;
        }

        if (_topic == Topic.Trade)
        {
            foreach (TradeRow trade in _trades)
            {
                Context.Output.Add(trade.Time * NanosPerMilli, local, MarketEventKind.Trade, trade.Side, trade.Price, trade.Size, trade.Id, EventMarkers.None);
            }

            Context.Output.CommitBatch();
            return;
        }

        long exchangeTime = (_cts >= 0 ? _cts : _ts) * NanosPerMilli;
        if (_isSnapshot)
        {
            ApplySnapshot(lineNumber, exchangeTime, local);
        }
        else
        {
            ApplyDelta(lineNumber, exchangeTime, local);
        }
    }

    private void ApplySnapshot(long line, long exchangeTime, long local)
    {
        _book.Begin();
        _book.Clear();
        foreach (PriceLevel level in Levels.Span)
        {
            _book.Set(level.Side, level.Price, level.Size);
        }

        if (_book.IsCrossed)
        {
            string cross = _book.DescribeCross();
            Context.BadRows.Report(BadRowReason.CrossedBook, line, "b/a", $"the snapshot u={_updateId} is crossed: {cross}");
            Desynchronize(exchangeTime, local);
            return;
        }

        Context.Output.Add(exchangeTime, local, MarketEventKind.BookClear, Side.Buy, 0, 0, _updateId, EventMarkers.Snapshot);
        foreach (PriceLevel level in Levels.Span)
        {
            Context.Output.Add(exchangeTime, local, MarketEventKind.BookLevel, level.Side, level.Price, level.Size, _updateId, EventMarkers.Snapshot);
        }

        Context.Output.CommitBatch();
        _synced = true;
        _lastId = _updateId;
    }

    private void ApplyDelta(long line, long exchangeTime, long local)
    {
        if (!_synced)
        {
            Context.UnappliedUpdates++;
            return;
        }

        if (_updateId != _lastId + 1)
        {
            Context.BadRows.Report(BadRowReason.SequenceGap, line, "u", $"u={_updateId} does not follow the previous u={_lastId}: updates were lost");
            Context.UnappliedUpdates++;
            Desynchronize(exchangeTime, local);
            return;
        }

        _book.Begin();
        foreach (PriceLevel level in Levels.Span)
        {
            _book.Set(level.Side, level.Price, level.Size);
        }

        if (_book.IsCrossed)
        {
            string cross = _book.DescribeCross();
            Context.BadRows.Report(BadRowReason.CrossedBook, line, "b/a", $"delta u={_updateId} leaves the book crossed: {cross}");
            Context.UnappliedUpdates++;
            Desynchronize(exchangeTime, local);
            return;
        }

        foreach (PriceLevel level in Levels.Span)
        {
            Context.Output.Add(exchangeTime, local, MarketEventKind.BookLevel, level.Side, level.Price, level.Size, _updateId, EventMarkers.None);
        }

        Context.Output.CommitBatch();
        _lastId = _updateId;
    }

    /// <summary>Clear the book and ignore deltas until the next snapshot.</summary>
    private void Desynchronize(long exchangeTime, long local)
    {
        if (_synced)
        {
            Context.Output.Add(exchangeTime, local, MarketEventKind.BookClear, Side.Buy, 0, 0, 0, EventMarkers.None);
            Context.Output.CommitBatch();
        }

        _book.Reset();
        _synced = false;
    }

    private void LoseBookMessage()
    {
        if (_topic == Topic.OrderBook)
        {
            Context.UnappliedUpdates++;
            Desynchronize(Context.LastLocalTime, Context.LastLocalTime);
        }
    }

    private void CheckRequired()
    {
        if (_topic == Topic.OrderBook && (!_hasType || _ts < 0 || _updateId < 0))
        {
            Fail(BadRowReason.Malformed, "json", "an order-book message needs type, ts and data.u");
        }
        else if (_topic == Topic.Trade && _ts < 0)
        {
            Fail(BadRowReason.Malformed, "ts", "a trade message needs ts");
        }
    }

    protected override void ParseMessage(ref Utf8JsonReader r)
    {
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> name = r.ValueSpan;
            r.Read();
            if (name.SequenceEqual("topic"u8) && r.TokenType == JsonTokenType.String)
            {
                _topic = r.ValueSpan.StartsWith("orderbook."u8) ? Topic.OrderBook
                    : r.ValueSpan.StartsWith("publicTrade."u8) ? Topic.Trade
                    : Topic.Other;
                _topicSeen = true;
            }
            else if (name.SequenceEqual("data"u8) && _topicSeen && _topic == Topic.Other)
            {
                r.Skip();
            }
            else if (name.SequenceEqual("type"u8) && r.TokenType == JsonTokenType.String)
            {
                _isSnapshot = r.ValueSpan.SequenceEqual("snapshot"u8);
                _hasType = _isSnapshot || r.ValueSpan.SequenceEqual("delta"u8);
            }
            else if (name.SequenceEqual("ts"u8))
            {
                TryReadLong(ref r, out _ts, "ts");
            }
            else if (name.SequenceEqual("cts"u8))
            {
                TryReadLong(ref r, out _cts, "cts");
            }
            else if (name.SequenceEqual("data"u8) && r.TokenType == JsonTokenType.StartObject)
            {
                ParseBook(ref r);
            }
            else if (name.SequenceEqual("data"u8) && r.TokenType == JsonTokenType.StartArray)
            {
                ParseTrades(ref r);
            }
            else
            {
                r.Skip();
            }
        }
    }

    private void ParseBook(ref Utf8JsonReader r)
    {
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> name = r.ValueSpan;
            r.Read();
            if (name.SequenceEqual("b"u8))
            {
                ParseLevels(ref r, Side.Buy, "b");
            }
            else if (name.SequenceEqual("a"u8))
            {
                ParseLevels(ref r, Side.Sell, "a");
            }
            else if (name.SequenceEqual("u"u8))
            {
                TryReadLong(ref r, out _updateId, "u");
            }
            else if (name.SequenceEqual("s"u8) && r.TokenType == JsonTokenType.String)
            {
                CheckFileSymbol(ref r);
            }
            else
            {
                r.Skip();
            }
        }
    }

    private void ParseTrades(ref Utf8JsonReader r)
    {
        while (r.Read() && r.TokenType == JsonTokenType.StartObject)
        {
            long time = -1, price = 0, size = 0, id = 0;
            Side? side = null;
            bool hasPrice = false, hasSize = false;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                ReadOnlySpan<byte> name = r.ValueSpan;
                r.Read();
                if (name.SequenceEqual("T"u8))
                {
                    TryReadLong(ref r, out time, "T");
                }
                else if (name.SequenceEqual("p"u8))
                {
                    hasPrice = TryReadPrice(ref r, out price, "p");
                }
                else if (name.SequenceEqual("v"u8))
                {
                    hasSize = TryReadQuantity(ref r, out size, "v");
                }
                else if (name.SequenceEqual("S"u8) && r.TokenType == JsonTokenType.String)
                {
                    side = r.ValueSpan.SequenceEqual("Buy"u8) ? Side.Buy : r.ValueSpan.SequenceEqual("Sell"u8) ? Side.Sell : null;
                }
                else if (name.SequenceEqual("i"u8) && r.TokenType == JsonTokenType.String)
                {
                    id = TradeIds.FromText(r.ValueSpan);
                }
                else if (name.SequenceEqual("s"u8) && r.TokenType == JsonTokenType.String)
                {
                    CheckFileSymbol(ref r);
                }
                else
                {
                    r.Skip();
                }
            }

            if (time < 0 || !hasPrice || !hasSize || side is null)
            {
                Fail(BadRowReason.Malformed, "data", "a trade needs T, S (Buy or Sell), v and p");
            }
            else
            {
                _trades.Add(new TradeRow(time, side.Value, price, size, id));
            }
        }
    }

    private void CheckFileSymbol(ref Utf8JsonReader r)
    {
        if (!CheckSymbol(r.ValueSpan, ref _symbol))
        {
            Fail(BadRowReason.Malformed, "s", $"symbol {r.GetString()} is not the file's first symbol {Symbol}");
        }
    }

    private readonly record struct TradeRow(long Time, Side Side, long Price, long Size, long Id);
}
