using System.Buffers.Binary;
using System.Globalization;
using MarketMaking.Core.Books;
using MarketMaking.Core.Collections;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Text;

namespace MarketMaking.Data.Files;

/// <summary>
/// Reads a Databento DBN file of the MBO schema (market by order; <c>.dbn.zst</c> read directly) as an
/// order-by-order stream. MboMsg (56 bytes, Databento's <c>dbn</c> crate): RecordHeader, order_id
/// (u64), price (i64, units of 1e-9), size (u32), flags (u8: F_LAST 128, F_SNAPSHOT 32), channel_id
/// (u8), action (A add, C cancel, M modify, R clear, T trade, F fill, N none), side (A ask, B bid,
/// N none), ts_recv (u64), ts_in_delta (i32), sequence (u32).
/// <para>
/// In Databento's MBO a trade (T, side of the aggressor) and its fills (F, one per resting order,
/// side of that order) leave the book as it is; the venue's own cancel or modify of each filled
/// order follows. This reader turns each fill of a resting order into the L3 execution (OrderExecute
/// at the order's price, then its Trade echo at the trade price, aggressor side), and takes what it
/// executed off the cancel or modify that follows, so the book equals the source's after every
/// record. A modify that lowers the size at the same price keeps the order's place; a new price or a
/// larger size sends it to the back (Databento's order-book example; CME's rule). A trade whose
/// fills do not cover it (volume no visible order held) is passed on as a lone Trade: a hidden
/// execution. The start-of-session snapshot (F_SNAPSHOT) starts from an empty book.
/// </para>
/// Every trade is checked against the book rebuilt so far (<see cref="Statistics"/>): its price must
/// be held on the resting side. Records whose F_LAST flag is set end a batch. Exchange times are
/// ts_event (ts_recv for snapshot records, whose ts_event is the order's own entry time), local
/// times ts_recv. Prices are ticks of the tick size given, or else the largest that divides every
/// price of the snapshot and the first records (0.25 for CME E-mini); sizes are contracts (lot 1).
/// </summary>
public sealed class DbnMboReader : MarketDataReader
{
    private const byte MboRecordType = 0xA0;
    private const int MboLength = 56;
    private const byte LastFlag = 1 << 7;
    private const byte SnapshotFlag = 1 << 5;
    private const long UndefinedPrice = long.MaxValue;
    private const long NanosPerUnit = 1_000_000_000;

    private readonly DbnRecordStream _records;
    private readonly BadRowHandler _badRows;
    private readonly EventBuffer _output = new();
    private readonly OrderQueueBook _book = new();
    private readonly LongMap<long> _executedAwaitingVenue = new(1024);
    private readonly long _tickNanos;
    private uint _instrumentId;
    private bool _instrumentSeen;
    private bool _inSnapshot;
    private bool _cleared;
    private long _lastTime = long.MinValue;
    private bool _done;

    // The trade whose fills are being read, and what of it no fill has covered yet.
    private bool _tradeOpen;
    private long _tradeTime;
    private long _tradeLocal;
    private long _tradeId;
    private long _tradePrice;
    private long _tradeLeft;
    private Side? _tradeSide;

    /// <param name="path">A DBN file of the MBO schema, Zstandard-compressed (<c>.dbn.zst</c>) or not.</param>
    /// <param name="options">Tick size (default: inferred from the prices), symbol (default: the file's), the bad-row policy.</param>
    public DbnMboReader(string path, MarketDataOptions? options = null)
        : base(path)
    {
        options ??= new MarketDataOptions();
        if (options.LotSize is { } lot && lot != 1)
        {
            throw new InvalidParameterException("lot-size", $"DBN MBO sizes are whole contracts or shares (lot 1), got {lot}");
        }

        _records = new DbnRecordStream(path);
        try
        {
            DbnMetadata metadata = _records.Metadata;
            if (metadata.Schema != DbnMetadata.MboSchema)
            {
                throw new DataFormatException(path, 0, "schema", $"schema {metadata.Schema} is not MBO ({DbnMetadata.MboSchema}); only market-by-order files are read");
            }

            double? tick = options.Instrument?.TickSize ?? options.TickSize;
            _tickNanos = tick is { } given ? (long)Math.Round(given * NanosPerUnit) : InferTick(path, options.InferenceLines);
            if (_tickNanos <= 0 || (tick is { } t && Math.Abs((_tickNanos / (double)NanosPerUnit) - t) > 1e-12))
            {
                throw new InvalidParameterException("tick-size", $"a DBN tick must be a positive whole number of 1e-9, got {tick}");
            }

            string symbol = options.Instrument?.Symbol ?? options.Symbol ?? (metadata.Symbols.Count == 1 ? metadata.Symbols[0] : metadata.Dataset);
            Instrument = options.Instrument ?? new Instrument(symbol, _tickNanos / (double)NanosPerUnit, 1);
        }
        catch
        {
            _records.Dispose();
            throw;
        }

        _badRows = new BadRowHandler(path, options.OnBadRow, BadRows);
    }

    public override Instrument Instrument { get; }

    /// <summary>Records read, the snapshot, trades checked against the rebuilt book and matched; current as of the last event read.</summary>
    public DbnStatistics Statistics { get; } = new();

    /// <summary>The book rebuilt so far (order by order).</summary>
    public OrderQueueBook Book => _book;

    public override int Read(Span<MarketEvent> buffer)
    {
        while (_output.Committed < buffer.Length && !_done)
        {
            if (!ReadRecord())
            {
                CloseTrade();
                _output.CommitBatch();
                _done = true;
            }
        }

        return _output.Drain(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _records.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The largest tick dividing every price of the snapshot and of the first <paramref name="records"/> records.</summary>
    private static long InferTick(string path, int records)
    {
        using var stream = new DbnRecordStream(path);
        long tick = 0;
        while (stream.TryRead(out ReadOnlySpan<byte> record))
        {
            if (record.Length < MboLength || record[1] != MboRecordType)
            {
                break;
            }

            bool snapshot = (record[36] & SnapshotFlag) != 0;
            if (!snapshot && stream.RecordNumber > records)
            {
                break;
            }

            long price = BinaryPrimitives.ReadInt64LittleEndian(record[24..]);
            if (price != UndefinedPrice && price != 0)
            {
                tick = Gcd(tick, Math.Abs(price));
            }
        }

        if (tick == 0)
        {
            throw new DataFormatException(path, stream.RecordNumber, "price", "no prices to infer the tick size from; give --tick-size");
        }

        return tick;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    /// <summary>One record; false at the end of the file.</summary>
    private bool ReadRecord()
    {
        if (!_records.TryRead(out ReadOnlySpan<byte> r))
        {
            return false;
        }

        long number = _records.RecordNumber;
        if (r[1] != MboRecordType)
        {
            throw new DataFormatException(Path, number, "rtype", $"record {number} has rtype 0x{r[1]:X2}; only MBO records (0xA0) are read");
        }

        if (r.Length < MboLength)
        {
            throw new DataFormatException(Path, number, "length", $"record {number} is {r.Length} bytes; an MBO record is {MboLength}");
        }

        Statistics.Records++;
        uint instrument = BinaryPrimitives.ReadUInt32LittleEndian(r[4..]);
        long tsEvent = BinaryPrimitives.ReadInt64LittleEndian(r[8..]);
        long id = BinaryPrimitives.ReadInt64LittleEndian(r[16..]);
        long rawPrice = BinaryPrimitives.ReadInt64LittleEndian(r[24..]);
        long size = BinaryPrimitives.ReadUInt32LittleEndian(r[32..]);
        byte flags = r[36];
        byte action = r[38];
        byte sideCode = r[39];
        long tsRecv = BinaryPrimitives.ReadInt64LittleEndian(r[40..]);
        bool snapshot = (flags & SnapshotFlag) != 0;
        long time = snapshot ? tsRecv : tsEvent;

        if (!_instrumentSeen)
        {
            (_instrumentId, _instrumentSeen) = (instrument, true);
        }
        else if (instrument != _instrumentId)
        {
            _badRows.Report(BadRowReason.Malformed, number, "instrument_id", $"record {number} is of instrument {instrument}, the file's first of {_instrumentId}: one instrument per file");
            return true;
        }

        if (time < _lastTime)
        {
            _badRows.Report(BadRowReason.TimeWentBackwards, number, "ts_event", $"record {number} is earlier than the one before");
            return true;
        }

        _lastTime = time;
        if (action != 'F')
        {
            CloseTrade();
        }

        if (snapshot && !_inSnapshot && !_cleared)
        {
            Clear(time, tsRecv);
        }

        _inSnapshot = snapshot;
        _cleared = false;
        switch (action)
        {
            case (byte)'R':
                Clear(time, tsRecv);
                _cleared = true;
                break;
            case (byte)'A' or (byte)'C' or (byte)'M' or (byte)'T' or (byte)'F':
                if (!Parse(number, action, rawPrice, size, sideCode, out long price, out Side? side))
                {
                    return true;
                }

                Apply(action, time, tsRecv, id, price, size, side, snapshot);
                break;
            case (byte)'N':
                break;
            default:
                _badRows.Report(BadRowReason.Malformed, number, "action", $"record {number} has action '{(char)action}'; MBO actions are A, C, M, R, T, F, N");
                return true;
        }

        if ((flags & LastFlag) != 0)
        {
            CloseTrade();
            _output.CommitBatch();
        }

        return true;
    }

    private bool Parse(long number, byte action, long rawPrice, long size, byte sideCode, out long price, out Side? side)
    {
        price = 0;
        side = sideCode switch { (byte)'B' => Side.Buy, (byte)'A' => Side.Sell, _ => null };
        if (side is null && (sideCode != 'N' || action is (byte)'A' or (byte)'M'))
        {
            _badRows.Report(BadRowReason.Malformed, number, "side", $"record {number} ({(char)action}) has side '{(char)sideCode}'; it needs {(action is (byte)'A' or (byte)'M' ? "A or B" : "A, B or N")}");
            return false;
        }

        if (rawPrice == UndefinedPrice || rawPrice <= 0 || rawPrice % _tickNanos != 0)
        {
            _badRows.Report(BadRowReason.OffGrid, number, "price", rawPrice == UndefinedPrice
                ? $"record {number} has no price"
                : $"record {number} price {Price(rawPrice)} is not a positive whole number of ticks of {Price(_tickNanos)}");
            return false;
        }

        if (size <= 0 && action != 'M')
        {
            _badRows.Report(BadRowReason.NegativeSize, number, "size", $"record {number} ({(char)action}) has size 0");
            return false;
        }

        price = rawPrice / _tickNanos;
        return true;
    }

    private void Apply(byte action, long time, long local, long id, long price, long size, Side? side, bool snapshot)
    {
        switch (action)
        {
            case (byte)'A':
                Statistics.SnapshotOrders += snapshot ? 1 : 0;
                _book.Add(id, side!.Value, price, size);
                Emit(time, local, MarketEventKind.OrderAdd, side.Value, price, size, id);
                Level(time, local, side.Value, price);
                break;
            case (byte)'C':
                Cancel(time, local, id, size);
                break;
            case (byte)'M':
                Modify(time, local, id, side!.Value, price, size);
                break;
            case (byte)'T':
                CheckTrade(side, price);
                (_tradeOpen, _tradeTime, _tradeLocal, _tradeId, _tradePrice, _tradeLeft, _tradeSide) = (true, time, local, id, price, size, side);
                break;
            default:
                Fill(time, local, id, price, size, side);
                break;
        }
    }

    /// <summary>The trade must be at a price the book holds on the resting side (the side opposite the aggressor; either when the file does not say).</summary>
    private void CheckTrade(Side? aggressor, long price)
    {
        Statistics.Trades++;
        bool held = aggressor is { } a
            ? _book.SizeAt(a.Opposite(), price) > 0
            : _book.SizeAt(Side.Buy, price) > 0 || _book.SizeAt(Side.Sell, price) > 0;
        Statistics.TradesMatched += held ? 1 : 0;
    }

    /// <summary>A fill of a resting order: the execution now (the venue's cancel or modify that follows is then mostly done already).</summary>
    private void Fill(long time, long local, long id, long price, long size, Side? side)
    {
        if (_tradeOpen && id == _tradeId)
        {
            return; // the aggressor's own fill: not a resting order's
        }

        Statistics.Fills++;
        long echo = _tradeOpen ? Math.Min(size, _tradeLeft) : size;
        _tradeLeft -= _tradeOpen ? echo : 0;
        if (!_book.TryGetOrder(id, out QueuedOrder order))
        {
            Side? aggressor = side?.Opposite() ?? _tradeSide;
            if (aggressor is { } a && echo > 0)
            {
                Emit(time, local, MarketEventKind.Trade, a, price, echo, id);
            }

            return;
        }

        Statistics.FillsMatched++;
        long executed = Math.Min(size, order.Size);
        Statistics.HiddenFillLots += size - executed;
        _book.Remove(id, order.Side, order.Price, executed, whole: false);
        _executedAwaitingVenue.GetOrAdd(id, out _) += executed;
        Emit(time, local, MarketEventKind.OrderExecute, order.Side, order.Price, executed, id);
        if (echo > 0)
        {
            Emit(time, local, MarketEventKind.Trade, order.Side.Opposite(), price, echo, id);
        }

        Level(time, local, order.Side, order.Price);
    }

    /// <summary>A cancel: less what a fill of the order already executed; the order goes whole when nothing of it is left.</summary>
    private void Cancel(long time, long local, long id, long size)
    {
        bool filled = _executedAwaitingVenue.Remove(id, out long executed);
        long cancelled = size - executed;
        if (!_book.TryGetOrder(id, out QueuedOrder order))
        {
            Statistics.UnknownOrders += filled ? 0 : 1;
            return;
        }

        if (cancelled <= 0)
        {
            return;
        }

        bool whole = cancelled >= order.Size;
        _book.Remove(id, order.Side, order.Price, whole ? order.Size : cancelled, whole);
        Emit(time, local, whole ? MarketEventKind.OrderDelete : MarketEventKind.OrderCancel, order.Side, order.Price, whole ? order.Size : cancelled, id);
        Level(time, local, order.Side, order.Price);
    }

    private void Modify(long time, long local, long id, Side side, long price, long size)
    {
        bool filled = _executedAwaitingVenue.Remove(id);
        bool known = _book.TryGetOrder(id, out QueuedOrder before);
        Statistics.UnknownOrders += known || filled ? 0 : 1;
        _book.Modify(id, side, price, size);
        Emit(time, local, MarketEventKind.OrderModify, side, price, size, id);
        if (known && (before.Price != price || before.Side != side))
        {
            Level(time, local, before.Side, before.Price);
        }

        Level(time, local, side, price);
    }

    /// <summary>Passes on what of the open trade no fill of a visible order covered, as a hidden execution.</summary>
    private void CloseTrade()
    {
        if (_tradeOpen && _tradeLeft > 0 && _tradeSide is { } aggressor)
        {
            Emit(_tradeTime, _tradeLocal, MarketEventKind.Trade, aggressor, _tradePrice, _tradeLeft, _tradeId);
        }

        _tradeOpen = false;
    }

    private void Clear(long time, long local)
    {
        Statistics.Clears++;
        _book.ClearAll();
        _executedAwaitingVenue.Clear();
        Emit(time, local, MarketEventKind.BookClear, Side.Buy, 0, 0, 0);
    }

    private void Level(long time, long local, Side side, long price) =>
        Emit(time, local, MarketEventKind.BookLevel, side, price, _book.SizeAt(side, price), 0);

    private void Emit(long time, long local, MarketEventKind kind, Side side, long price, long size, long id) =>
        _output.Add(time, local, kind, side, price, size, id, EventMarkers.None);

    /// <summary>A DBN price (units of 1e-9) as a user reads it.</summary>
    private static string Price(long raw) => ((decimal)raw / NanosPerUnit).ToString("0.#########", CultureInfo.InvariantCulture);
}
