using System.Text.Json;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Text;

namespace MarketMaking.Data.Files;

/// <summary>
/// Lines of a Binance raw stream dump, <c>&lt;local ns&gt; &lt;json&gt;</c>: a REST depth snapshot,
/// depthUpdate, trade and bookTicker. Depth updates follow Binance's synchronization rule for the
/// market: updates are held until a snapshot; then, on the futures markets (USD-M, COIN-M: U, u, pu),
/// those with u &lt; lastUpdateId are dropped, the first applied has U ≤ lastUpdateId ≤ u, and each
/// later one has pu equal to the previous u; on spot (U, u, no pu) those with u ≤ lastUpdateId are
/// dropped, the first applied has U ≤ lastUpdateId + 1 ≤ u, and each later one has U equal to the
/// previous u + 1. Anything else is a sequence gap. Held updates replayed after the snapshot take its local time: that is when the
/// book they build became known.
/// </summary>
/// <remarks>
/// After a gap (or any bad depth message, or a crossed book) under <see cref="BadRowPolicy.Skip"/>
/// the book is cleared (a BookClear event), depth updates are held again, and the book comes back
/// at the next snapshot in the file. With no later snapshot it stays empty to the end, because
/// deltas applied to a book that missed some would build a wrong one; trades and best quotes flow
/// on regardless, and the unapplied updates are counted.
/// </remarks>
internal sealed class BinanceUsdmParser(ParseContext context, BinanceDepthRule rule = BinanceDepthRule.Futures) : JsonLineParser(context)
{
    private const long NanosPerMilli = 1_000_000;

    private readonly CheckedBook _book = new(undoable: false);
    private PendingDepthUpdates _pending = new();
    private PendingDepthUpdates _replay = new();
    private SyncState _state = SyncState.WaitingForSnapshot;
    private long _snapshotId;
    private long _lastId;
    private byte[]? _symbol;

    // The message being parsed.
    private MessageKind _kind;
    private Fields _has;
    private long _eventTime, _transactionTime, _firstId, _lastUpdateId, _previousId, _snapshotUpdateId, _tradeId;
    private long _price, _quantity, _bid, _bidSize, _ask, _askSize;
    private bool _buyerIsMaker;
    private bool _typeSeen;

    private enum SyncState
    {
        WaitingForSnapshot,
        AwaitingFirstUpdate,
        Synced,
    }

    private enum MessageKind
    {
        Other,
        Snapshot,
        Depth,
        Trade,
        BookTicker,
    }

    [Flags]
    private enum Fields
    {
        None = 0,
        EventTime = 1 << 0,
        TransactionTime = 1 << 1,
        FirstId = 1 << 2,
        LastId = 1 << 3,
        PreviousId = 1 << 4,
        SnapshotId = 1 << 5,
        TradeId = 1 << 6,
        Price = 1 << 7,
        Quantity = 1 << 8,
        Maker = 1 << 9,
        Bid = 1 << 10,
        BidSize = 1 << 11,
        Ask = 1 << 12,
        AskSize = 1 << 13,
    }

    public override void Parse(ReadOnlySpan<byte> line, long lineNumber)
    {
        line = line.Trim((byte)' ');
        if (line.IsEmpty)
        {
            return;
        }

        int space = line.IndexOf((byte)' ');
        if (space < 0)
        {
            Context.BadRows.Report(BadRowReason.Malformed, lineNumber, "line", "expected '<local time ns> <json>'");
            return;
        }

        if (!DecimalText.TryParseInteger(line[..space], out long local))
        {
            Context.BadRows.Report(BadRowReason.UnparsableNumber, lineNumber, "local_time", "the local time is not a whole number of nanoseconds");
            return;
        }

        StartMessage();
        _kind = MessageKind.Other;
        _typeSeen = false;
        _has = Fields.None;
        bool parsed = TryParse(line[(space + 1)..]);
        if (parsed && _kind == MessageKind.Other)
        {
            return; // another stream or a control message: not ours to read
        }

        if (parsed)
        {
            CheckRequired();
        }

        if (HasError)
        {
            ReportError(lineNumber);
            LoseDepthMessage();
            return;
        }

        if (!Context.AdvanceClock(local, lineNumber, "local_time"))
        {
            LoseDepthMessage();
            return;
        }

        long exchangeTime = (_has & Fields.EventTime) != 0 ? _eventTime * NanosPerMilli
            : (_has & Fields.TransactionTime) != 0 ? _transactionTime * NanosPerMilli : local;
        switch (_kind)
        {
            case MessageKind.Trade:
                Context.Output.Add(exchangeTime, local, MarketEventKind.Trade, _buyerIsMaker ? Side.Sell : Side.Buy, _price, _quantity, _tradeId, EventMarkers.None);
                Context.Output.CommitBatch();
                break;
            case MessageKind.BookTicker:
                Context.Output.Add(exchangeTime, local, MarketEventKind.BestQuote, Side.Buy, _bid, _bidSize, _lastUpdateId, EventMarkers.None);
                Context.Output.Add(exchangeTime, local, MarketEventKind.BestQuote, Side.Sell, _ask, _askSize, _lastUpdateId, EventMarkers.None);
                Context.Output.CommitBatch();
                break;
            case MessageKind.Depth:
                Process(new DepthHeader(lineNumber, exchangeTime, _firstId, _lastUpdateId, _previousId, 0, Levels.Count), Levels.Span, local);
                break;
            case MessageKind.Snapshot:
                ApplySnapshot(lineNumber, exchangeTime, local);
                break;
        }
    }

    public override void Finish()
    {
        Context.UnappliedUpdates += _pending.Count;
        _pending.Clear();
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
            Context.BadRows.Report(BadRowReason.CrossedBook, line, "bids/asks", $"the snapshot is crossed: {cross}");
            Desynchronize(exchangeTime, local);
            return;
        }

        Context.Output.Add(exchangeTime, local, MarketEventKind.BookClear, Side.Buy, 0, 0, _snapshotUpdateId, EventMarkers.Snapshot);
        foreach (PriceLevel level in Levels.Span)
        {
            Context.Output.Add(exchangeTime, local, MarketEventKind.BookLevel, level.Side, level.Price, level.Size, _snapshotUpdateId, EventMarkers.Snapshot);
        }

        Context.Output.CommitBatch();
        _state = SyncState.AwaitingFirstUpdate;
        _snapshotId = _snapshotUpdateId;

        // Replay the held updates; any that must be held again go to the other queue.
        (_pending, _replay) = (_replay, _pending);
        for (int i = 0; i < _replay.Count; i++)
        {
            DepthHeader held = _replay[i];
            Process(held, _replay.Levels(held), local);
        }

        _replay.Clear();
    }

    private void Process(in DepthHeader update, ReadOnlySpan<PriceLevel> levels, long local)
    {
        switch (_state)
        {
            case SyncState.WaitingForSnapshot:
                Context.UnappliedUpdates += _pending.Add(update, levels);
                return;
            case SyncState.AwaitingFirstUpdate when update.LastId < _snapshotId || (rule == BinanceDepthRule.Spot && update.LastId == _snapshotId):
                Context.UnappliedUpdates++;
                return;
            case SyncState.AwaitingFirstUpdate when update.FirstId > _snapshotId + (rule == BinanceDepthRule.Spot ? 1 : 0):
                Gap(update, levels, local, "U", $"the first update after the snapshot starts at U={update.FirstId}, after its lastUpdateId={_snapshotId}: updates were lost");
                return;
            case SyncState.Synced when rule == BinanceDepthRule.Futures && update.PreviousId != _lastId:
                Gap(update, levels, local, "pu", $"pu={update.PreviousId} is not the previous update's u={_lastId}: updates were lost");
                return;
            case SyncState.Synced when rule == BinanceDepthRule.Spot && update.FirstId != _lastId + 1:
                Gap(update, levels, local, "U", $"U={update.FirstId} is not the previous update's u+1={_lastId + 1}: updates were lost");
                return;
        }

        _book.Begin();
        foreach (PriceLevel level in levels)
        {
            _book.Set(level.Side, level.Price, level.Size);
        }

        if (_book.IsCrossed)
        {
            string cross = _book.DescribeCross();
            Context.BadRows.Report(BadRowReason.CrossedBook, update.Line, "b/a", $"update u={update.LastId} leaves the book crossed: {cross}");
            Desynchronize(update.ExchangeTime, local);
            return;
        }

        foreach (PriceLevel level in levels)
        {
            Context.Output.Add(update.ExchangeTime, local, MarketEventKind.BookLevel, level.Side, level.Price, level.Size, update.LastId, EventMarkers.None);
        }

        Context.Output.CommitBatch();
        _lastId = update.LastId;
        _state = SyncState.Synced;
    }

    private void Gap(in DepthHeader update, ReadOnlySpan<PriceLevel> levels, long local, string field, string problem)
    {
        Context.BadRows.Report(BadRowReason.SequenceGap, update.Line, field, problem);
        Desynchronize(update.ExchangeTime, local);
        Process(update, levels, local); // held: the next snapshot may cover it
    }

    /// <summary>The book can no longer be kept right: clear it and wait for the next snapshot.</summary>
    private void Desynchronize(long exchangeTime, long local)
    {
        if (_state != SyncState.WaitingForSnapshot)
        {
            Context.Output.Add(exchangeTime, local, MarketEventKind.BookClear, Side.Buy, 0, 0, 0, EventMarkers.None);
            Context.Output.CommitBatch();
        }

        _book.Reset();
        _state = SyncState.WaitingForSnapshot;
        Context.UnappliedUpdates += _pending.Count;
        _pending.Clear();
    }

    /// <summary>A depth message was skipped as bad: the book after it is unknown.</summary>
    private void LoseDepthMessage()
    {
        if (_kind == MessageKind.Depth)
        {
            Context.UnappliedUpdates++;
            Desynchronize(Context.LastLocalTime, Context.LastLocalTime);
        }
    }

    protected override void ParseMessage(ref Utf8JsonReader reader) => ParseObject(ref reader);

    private void ParseObject(ref Utf8JsonReader r)
    {
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> name = r.ValueSpan;
            r.Read();
            switch (name.Length)
            {
                case 1:
                    ParseShortField(ref r, name[0]);
                    break;
                case 2 when name.SequenceEqual("pu"u8):
                    Mark(TryReadLong(ref r, out _previousId, "pu"), Fields.PreviousId);
                    break;
                case 6 when name.SequenceEqual("stream"u8):
                    // Spot's bookTicker has no event type: its stream name says what it is.
                    if (r.TokenType == JsonTokenType.String && r.ValueSpan.EndsWith("@bookTicker"u8))
                    {
                        _kind = MessageKind.BookTicker;
                    }

                    break;
                case 4 when name.SequenceEqual("data"u8) && r.TokenType == JsonTokenType.StartObject:
                    ParseObject(ref r);
                    break;
                case 4 when name.SequenceEqual("bids"u8):
                    ParseLevels(ref r, Side.Buy, "bids");
                    break;
                case 4 when name.SequenceEqual("asks"u8):
                    ParseLevels(ref r, Side.Sell, "asks");
                    break;
                case 12 when name.SequenceEqual("lastUpdateId"u8):
                    Mark(TryReadLong(ref r, out _snapshotUpdateId, "lastUpdateId"), Fields.SnapshotId);
                    _kind = MessageKind.Snapshot;
                    break;
                default:
                    r.Skip();
                    break;
            }
        }
    }

    private void ParseShortField(ref Utf8JsonReader r, byte name)
    {
        if (_typeSeen && _kind == MessageKind.Other)
        {
            r.Skip(); // a stream this reader does not read (markPrice, aggTrade...): its fields are not ours to check
            return;
        }

        switch (name)
        {
            case (byte)'e':
                ReadOnlySpan<byte> type = r.TokenType == JsonTokenType.String ? r.ValueSpan : default;
                _kind = type.SequenceEqual("bookTicker"u8) ? MessageKind.BookTicker
                    : type.SequenceEqual("depthUpdate"u8) ? MessageKind.Depth
                    : type.SequenceEqual("trade"u8) ? MessageKind.Trade
                    : MessageKind.Other;
                _typeSeen = true;
                break;
            case (byte)'E':
                Mark(TryReadLong(ref r, out _eventTime, "E"), Fields.EventTime);
                break;
            case (byte)'T':
                Mark(TryReadLong(ref r, out _transactionTime, "T"), Fields.TransactionTime);
                break;
            case (byte)'U':
                Mark(TryReadLong(ref r, out _firstId, "U"), Fields.FirstId);
                break;
            case (byte)'u':
                Mark(TryReadLong(ref r, out _lastUpdateId, "u"), Fields.LastId);
                break;
            case (byte)'t':
                Mark(TryReadLong(ref r, out _tradeId, "t"), Fields.TradeId);
                break;
            case (byte)'s':
                if (r.TokenType == JsonTokenType.String && !CheckSymbol(r.ValueSpan, ref _symbol))
                {
                    Fail(BadRowReason.Malformed, "s", $"symbol {r.GetString()} is not the file's first symbol {Symbol}");
                }

                break;
            case (byte)'p':
                Mark(TryReadPrice(ref r, out _price, "p"), Fields.Price);
                break;
            case (byte)'q':
                Mark(TryReadQuantity(ref r, out _quantity, "q"), Fields.Quantity);
                break;
            case (byte)'m':
                if (r.TokenType is JsonTokenType.True or JsonTokenType.False)
                {
                    _buyerIsMaker = r.TokenType == JsonTokenType.True;
                    _has |= Fields.Maker;
                }

                break;
            case (byte)'b' when r.TokenType == JsonTokenType.StartArray:
                ParseLevels(ref r, Side.Buy, "b");
                break;
            case (byte)'b':
                Mark(TryReadPrice(ref r, out _bid, "b"), Fields.Bid);
                break;
            case (byte)'a' when r.TokenType == JsonTokenType.StartArray:
                ParseLevels(ref r, Side.Sell, "a");
                break;
            case (byte)'a':
                Mark(TryReadPrice(ref r, out _ask, "a"), Fields.Ask);
                break;
            case (byte)'B':
                Mark(TryReadQuantity(ref r, out _bidSize, "B"), Fields.BidSize);
                break;
            case (byte)'A':
                Mark(TryReadQuantity(ref r, out _askSize, "A"), Fields.AskSize);
                break;
            default:
                r.Skip();
                break;
        }
    }

    private void Mark(bool present, Fields field)
    {
        if (present)
        {
            _has |= field;
        }
    }

    private void CheckRequired()
    {
        (Fields required, string names) = _kind switch
        {
            MessageKind.Depth when rule == BinanceDepthRule.Spot => (Fields.FirstId | Fields.LastId, "U and u"),
            MessageKind.Depth => (Fields.FirstId | Fields.LastId | Fields.PreviousId, "U, u and pu"),
            MessageKind.Trade => (Fields.TradeId | Fields.Price | Fields.Quantity | Fields.Maker, "t, p, q and m"),
            MessageKind.BookTicker => (Fields.LastId | Fields.Bid | Fields.BidSize | Fields.Ask | Fields.AskSize, "u, b, B, a and A"),
            _ => (Fields.None, ""),
        };
        if ((_has & required) != required)
        {
            Fail(BadRowReason.Malformed, "json", $"a {_kind} message needs {names}");
        }
    }
}
