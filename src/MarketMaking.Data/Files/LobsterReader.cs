using System.Buffers.Text;
using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using MarketMaking.Core.Books;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Text;

namespace MarketMaking.Data.Files;

/// <summary>
/// Reads a LOBSTER day (message file and order-book file, in the zip LOBSTER publishes or as the two
/// CSVs side by side) as an order-by-order stream. Each message becomes its L3 event (OrderAdd,
/// OrderCancel, OrderDelete, OrderExecute followed by its Trade; a hidden execution is a Trade
/// alone), then the BookLevel it leaves at its price. The book rebuilt from the messages is checked
/// against the order-book row of the same line, every level: a level it could know from the row
/// before and this message must equal the row (else a <see cref="BadRowReason.BookMismatch"/>); a
/// level it could not know — the file's first row, or a level entering the file's N-level window
/// from below, whose orders were added while deeper and never appear in the message file — is taken
/// from the row as a BookLevel marked <see cref="EventMarkers.Snapshot"/>. Messages with the same
/// time stamp form one batch. Halts (type 7) and cross trades (type 6) change nothing in the book, as
/// LOBSTER's ReadMe says (their rows repeat the book).
/// </summary>
public sealed partial class LobsterReader : MarketDataReader
{
    private const long EmptyAsk = 9_999_999_999;
    private const long EmptyBid = -9_999_999_999;
    private const int MessageFields = 6;

    private readonly LineReader _messages;
    private readonly LineReader _rows;
    private readonly string _messageFile;
    private readonly string _rowFile;
    private readonly BadRowHandler _badRows;
    private readonly EventBuffer _output = new();
    private readonly OrderQueueBook _book = new();
    private readonly int _depth;
    private readonly long _midnight;
    private readonly long _rawPerTick;
    private readonly long[] _row;
    private readonly long[] _previousWorst = new long[2];
    private readonly bool[] _previousFull = new bool[2];
    private readonly Range[] _fields;
    private long _groupTime = long.MinValue;
    private long _lastTime = long.MinValue;
    private bool _done;

    /// <param name="path">The zip LOBSTER publishes (message and order-book CSV inside), or a <c>*_message_N.csv</c> with its order-book file beside it.</param>
    /// <param name="options">Tick size (default 0.01: LOBSTER prices are dollars × 10,000) and the bad-row policy; a book mismatch is a bad row.</param>
    public LobsterReader(string path, MarketDataOptions? options = null)
        : base(path)
    {
        options ??= new MarketDataOptions();
        (Stream messages, Stream rows, string messageName, string rowName) = Open(path);
        Match name = FileName().Match(System.IO.Path.GetFileName(messageName));
        if (!name.Success)
        {
            messages.Dispose();
            rows.Dispose();
            throw new DataFormatException(path, 0, "file name", $"'{messageName}' is not LOBSTER's TICKER_YYYY-MM-DD_START_END_message_LEVELS.csv");
        }

        _messageFile = messageName;
        _rowFile = rowName;
        _messages = new LineReader(messages, messageName);
        _rows = new LineReader(rows, rowName);
        _depth = int.Parse(name.Groups["levels"].Value, CultureInfo.InvariantCulture);
        _row = new long[_depth * 4];
        _fields = new Range[Math.Max(MessageFields, _depth * 4) + 1];
        double tick = options.Instrument?.TickSize ?? options.TickSize ?? 0.01;
        _rawPerTick = (long)Math.Round(tick * 10_000);
        if (_rawPerTick <= 0 || Math.Abs((_rawPerTick / 10_000.0) - tick) > 1e-12)
        {
            throw new InvalidParameterException("tick-size", $"a LOBSTER tick must be a whole number of 0.0001 dollars, got {tick}");
        }

        string symbol = options.Instrument?.Symbol ?? options.Symbol ?? name.Groups["ticker"].Value;
        Instrument = options.Instrument ?? new Instrument(symbol, tick, options.LotSize ?? 1);
        _midnight = NewYorkClock.ToUtcNanos(DateOnly.ParseExact(name.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture), 0);
        _badRows = new BadRowHandler(path, options.OnBadRow, BadRows);
        Statistics = new LobsterStatistics();
    }

    public override Instrument Instrument { get; }

    /// <summary>Rows compared with the rebuilt book, rows that matched, levels taken from the rows; current as of the last event read.</summary>
    public LobsterStatistics Statistics { get; }

    /// <summary>The book rebuilt so far (order by order).</summary>
    public OrderQueueBook Book => _book;

    public override int Read(Span<MarketEvent> buffer)
    {
        while (_output.Committed < buffer.Length && !_done)
        {
            if (!ReadMessage())
            {
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
            _messages.Dispose();
            _rows.Dispose();
        }

        base.Dispose(disposing);
    }

    private static (Stream Messages, Stream Rows, string MessageName, string RowName) Open(string path)
    {
        if (Directory.Exists(path))
        {
            throw new InvalidParameterException("data", $"{path} is a directory; give LOBSTER's zip or its message file");
        }

        if (!File.Exists(path))
        {
            throw new InvalidParameterException("data", $"file not found: {path}");
        }

        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            string rows = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path) ?? ".", System.IO.Path.GetFileName(path).Replace("_message_", "_orderbook_", StringComparison.Ordinal));
            if (!File.Exists(rows))
            {
                throw new InvalidParameterException("data", $"{path}: its order-book file {rows} is missing (LOBSTER's check needs both)");
            }

            return (File.OpenRead(path), File.OpenRead(rows), path, rows);
        }

        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw DataStreams.NotAZip(path, e);
        }

        ZipArchiveEntry? message = zip.Entries.FirstOrDefault(e => e.Name.Contains("_message_", StringComparison.Ordinal));
        ZipArchiveEntry? book = zip.Entries.FirstOrDefault(e => e.Name.Contains("_orderbook_", StringComparison.Ordinal));
        if (message is null || book is null)
        {
            zip.Dispose();
            throw new DataFormatException(path, 0, "zip", "holds no LOBSTER *_message_N.csv and *_orderbook_N.csv pair");
        }

        // Each entry's stream is read on its own; the archive closes with the last of them.
        var owner = new SharedOwner(zip, 2);
        return (new DecompressedStream(message.Open(), path, "zip", owner), new DecompressedStream(book.Open(), path, "zip", owner), $"{path}/{message.Name}", $"{path}/{book.Name}");
    }

    [GeneratedRegex(@"^(?<ticker>[^_]+)_(?<date>\d{4}-\d{2}-\d{2})_\d+_\d+_message_(?<levels>\d+)\.csv$")]
    private static partial Regex FileName();

    /// <summary>One message and its order-book row; false at the end of the message file.</summary>
    private bool ReadMessage()
    {
        if (!_messages.TryReadLine(out ReadOnlySpan<byte> line))
        {
            if (_rows.TryReadLine(out ReadOnlySpan<byte> extra) && !extra.IsEmpty)
            {
                _badRows.Report(BadRowReason.Malformed, _rows.LineNumber, "orderbook", $"{_rowFile} has more rows than {_messageFile} has messages");
            }

            return false;
        }

        long number = _messages.LineNumber;
        if (line.IsEmpty)
        {
            return true;
        }

        if (!_rows.TryReadLine(out ReadOnlySpan<byte> rowLine))
        {
            throw new DataFormatException(_rowFile, number, "orderbook", $"ends before message {number}: every message needs its row");
        }

        if (!ParseRow(rowLine, number))
        {
            return true;
        }

        if (!ParseMessage(line, number, out long time, out int type, out long id, out long size, out long price, out Side side))
        {
            return true;
        }

        if (time != _groupTime)
        {
            _output.CommitBatch();
            _groupTime = time;
        }

        Emit(time, type, id, size, price, side);
        Check(time, number);
        return true;
    }

    private void Emit(long time, int type, long id, long size, long price, Side side)
    {
        switch (type)
        {
            case 1:
                _book.Add(id, side, price, size);
                Add(time, MarketEventKind.OrderAdd, side, price, size, id);
                break;
            case 2:
                _book.Remove(id, side, price, size, whole: false);
                Add(time, MarketEventKind.OrderCancel, side, price, size, id);
                break;
            case 3:
                _book.Remove(id, side, price, size, whole: true);
                Add(time, MarketEventKind.OrderDelete, side, price, size, id);
                break;
            case 4:
                _book.Remove(id, side, price, size, whole: false);
                Add(time, MarketEventKind.OrderExecute, side, price, size, id);
                Add(time, MarketEventKind.Trade, side.Opposite(), price, size, id);
                break;
            case 5:
                Statistics.HiddenExecutions++;
                Add(time, MarketEventKind.Trade, side.Opposite(), price, size, id);
                return;
            case 6:
                Statistics.CrossTrades++;
                return;
            default:
                Statistics.Halts++;
                return;
        }

        Add(time, MarketEventKind.BookLevel, side, price, _book.SizeAt(side, price), id);
    }

    private void Add(long time, MarketEventKind kind, Side side, long price, long size, long id, EventMarkers markers = EventMarkers.None) =>
        _output.Add(time, time, kind, side, price, size, id, markers);

    /// <summary>Compares the rebuilt book with the row, both sides, every level in the row's window.</summary>
    private void Check(long time, long number)
    {
        Statistics.Rows++;
        bool matched = CheckSide(Side.Sell, time, number) & CheckSide(Side.Buy, time, number);
        if (matched)
        {
            Statistics.RowsMatched++;
        }

        Statistics.UnknownOrders = _book.UnknownOrders;
        Statistics.MissingLots = _book.MissingLots;
    }

    private bool CheckSide(Side side, long time, long number)
    {
        int s = side == Side.Buy ? 1 : 0;
        int shown = 0;
        while (shown < _depth && RowSize(side, shown) > 0)
        {
            shown++;
        }

        bool full = shown == _depth;
        long worst = full ? RowPrice(side, _depth - 1) : 0;
        bool matched = true;
        int j = 0;
        int b = 0;
        Span<long> prices = stackalloc long[2 * _depth];
        Span<long> wanted = stackalloc long[2 * _depth];
        int count = 0;

        // Merge the rebuilt levels inside the row's window with the row's levels, best first.
        // The merge takes at most `shown` matching levels and 2 × depth others before `prices` is full.
        Span<BookLevel> book = stackalloc BookLevel[(3 * _depth) + 1];
        int bookLevels = _book.Levels.CopyLevels(side, book);
        while (j < shown || (b < bookLevels && Inside(side, book[b].Price, full, worst)))
        {
            long rowPrice = j < shown ? RowPrice(side, j) : 0;
            BookLevel level = b < bookLevels ? book[b] : default;
            bool hasBook = b < bookLevels && Inside(side, level.Price, full, worst);
            if (j < shown && (!hasBook || level.Price == rowPrice || Better(side, rowPrice, level.Price)))
            {
                long rowSize = RowSize(side, j);
                bool same = hasBook && level.Price == rowPrice;
                if (!same || level.Size != rowSize)
                {
                    prices[count] = rowPrice;
                    wanted[count++] = rowSize;
                }

                b += same ? 1 : 0;
                j++;
            }
            else
            {
                prices[count] = level.Price;
                wanted[count++] = 0;
                b++;
            }

            if (count == prices.Length)
            {
                break;
            }
        }

        for (int i = 0; i < count; i++)
        {
            long price = prices[i];
            bool knowable = Statistics.Rows > 1 && (!_previousFull[s] || !Better(side, _previousWorst[s], price));
            if (knowable)
            {
                matched = false;
                Statistics.Mismatches++;
                _badRows.Report(
                    BadRowReason.BookMismatch,
                    number,
                    $"{(side == Side.Buy ? "bid" : "ask")} {price * _rawPerTick}",
                    $"the book rebuilt from {_messageFile} holds {_book.SizeAt(side, price)} shares where {_rowFile} shows {wanted[i]}");
            }
            else
            {
                Statistics.LevelsFromFile++;
            }

            _book.SetLevel(side, price, wanted[i]);
            Add(time, MarketEventKind.BookLevel, side, price, wanted[i], 0, EventMarkers.Snapshot);
        }

        _previousFull[s] = full;
        _previousWorst[s] = worst;
        return matched;
    }

    /// <summary>Whether <paramref name="price"/> lies in the row's window: anywhere when the row shows fewer levels than it can, else at or better than its last.</summary>
    private static bool Inside(Side side, long price, bool full, long worst) => !full || !Better(side, worst, price);

    /// <summary>True when <paramref name="a"/> is strictly better than <paramref name="b"/> on <paramref name="side"/>.</summary>
    private static bool Better(Side side, long a, long b) => side == Side.Buy ? a > b : a < b;

    private long RowPrice(Side side, int level) => _row[(level * 4) + (side == Side.Buy ? 2 : 0)];

    private long RowSize(Side side, int level) => _row[(level * 4) + (side == Side.Buy ? 3 : 1)];

    /// <summary>
    /// The order-book rows as LOBSTER publishes them — whole numbers and commas, nothing else — read
    /// into the row in one pass (splitting at commas, then parsing each field, was a quarter of a
    /// replay from the zip). False for anything else: the field-by-field parse then names the problem.
    /// </summary>
    private bool TryParsePlainRow(ReadOnlySpan<byte> line)
    {
        int field = 0;
        int i = 0;
        while (field < _row.Length)
        {
            bool negative = i < line.Length && line[i] == '-';
            i += negative ? 1 : 0;
            int start = i;
            long value = 0;
            while (i < line.Length && (uint)(line[i] - '0') <= 9)
            {
                value = (value * 10) + (line[i] - '0');
                i++;
            }

            if (i == start || i - start > 18)
            {
                return false; // empty, or long enough to overflow
            }

            _row[field++] = negative ? -value : value;
            if (i == line.Length)
            {
                return field == _row.Length;
            }

            if (line[i++] != ',')
            {
                return false;
            }
        }

        return false; // more fields than the depth has
    }

    /// <summary>A price column becomes ticks (an empty level 0) and must be positive, a size column must not be negative; false after reporting the row.</summary>
    /// <summary>A LOBSTER price (dollars × 10,000, as the file writes it) in dollars, as a user reads it.</summary>
    private static string Dollars(long raw) => (raw / 10_000m).ToString("0.####", CultureInfo.InvariantCulture);

    private bool CheckRowValue(int column, ref long value, long number)
    {
        if (column % 2 == 0)
        {
            bool empty = value == EmptyAsk || value == EmptyBid;
            if (!empty && value <= 0)
            {
                _badRows.Report(BadRowReason.NonPositivePrice, number, $"orderbook column {column + 1}", $"price {value} is not positive");
                return false;
            }

            if (!empty && value % _rawPerTick != 0)
            {
                _badRows.Report(BadRowReason.OffGrid, number, $"orderbook column {column + 1}", $"price {Dollars(value)} ({value} in the file) is not a whole number of ticks of {Dollars(_rawPerTick)} dollars");
                return false;
            }

            value = empty ? 0 : value / _rawPerTick;
        }
        else if (value < 0)
        {
            _badRows.Report(BadRowReason.NegativeSize, number, $"orderbook column {column + 1}", $"negative size {value}");
            return false;
        }

        return true;
    }

    private bool ParseRow(ReadOnlySpan<byte> line, long number)
    {
        if (TryParsePlainRow(line))
        {
            for (int i = 0; i < _row.Length; i++)
            {
                if (!CheckRowValue(i, ref _row[i], number))
                {
                    return false;
                }
            }

            return true;
        }

        int count = CsvLine.Split(line, _fields);
        if (count != _depth * 4)
        {
            _badRows.Report(BadRowReason.Malformed, number, "orderbook", $"{_rowFile} row has {count} columns; {_depth} levels need {_depth * 4}");
            return false;
        }

        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> field = CsvLine.Field(line, _fields[i]);
            if (!Utf8Parser.TryParse(field, out long value, out int used) || used != field.Length)
            {
                _badRows.Report(BadRowReason.UnparsableNumber, number, $"orderbook column {i + 1}", $"'{System.Text.Encoding.UTF8.GetString(field)}' is not a whole number");
                return false;
            }

            if (!CheckRowValue(i, ref value, number))
            {
                return false;
            }

            _row[i] = value;
        }

        return true;
    }

    private bool ParseMessage(ReadOnlySpan<byte> line, long number, out long time, out int type, out long id, out long size, out long price, out Side side)
    {
        time = id = size = price = 0;
        type = 0;
        side = Side.Buy;
        int count = CsvLine.Split(line, _fields);
        if (count != MessageFields)
        {
            _badRows.Report(BadRowReason.Malformed, number, "message", $"has {count} columns; LOBSTER messages have {MessageFields} (time, type, order id, size, price, direction)");
            return false;
        }

        if (!ParseTime(CsvLine.Field(line, _fields[0]), out long seconds))
        {
            _badRows.Report(BadRowReason.UnparsableNumber, number, "time", $"'{System.Text.Encoding.UTF8.GetString(CsvLine.Field(line, _fields[0]))}' is not seconds after midnight");
            return false;
        }

        time = _midnight + seconds;
        if (time < _lastTime)
        {
            _badRows.Report(BadRowReason.TimeWentBackwards, number, "time", "earlier than the previous message");
            return false;
        }

        if (!Whole(line, 1, out long kind) || !Whole(line, 2, out id) || !Whole(line, 3, out size) || !Whole(line, 4, out long raw) || !Whole(line, 5, out long direction))
        {
            _badRows.Report(BadRowReason.UnparsableNumber, number, "message", "type, order id, size, price and direction must be whole numbers");
            return false;
        }

        if (kind is < 1 or > 7 || direction is not (1 or -1))
        {
            _badRows.Report(BadRowReason.Malformed, number, kind is < 1 or > 7 ? "type" : "direction", kind is < 1 or > 7 ? $"unknown type {kind} (1-7)" : $"must be 1 or -1, got {direction}");
            return false;
        }

        type = (int)kind;
        side = direction == 1 ? Side.Buy : Side.Sell;
        if (type < 6)
        {
            if (size <= 0)
            {
                _badRows.Report(BadRowReason.NegativeSize, number, "size", $"must be positive, got {size}");
                return false;
            }

            if (raw <= 0)
            {
                _badRows.Report(BadRowReason.NonPositivePrice, number, "price", $"price {raw} is not positive");
                return false;
            }

            if (raw % _rawPerTick != 0 && type != 5)
            {
                _badRows.Report(BadRowReason.OffGrid, number, "price", $"price {Dollars(raw)} ({raw} in the file) is not a whole number of ticks of {Dollars(_rawPerTick)} dollars");
                return false;
            }

            price = raw / _rawPerTick;
            if (raw % _rawPerTick != 0)
            {
                // A hidden order between ticks (midpoint): rounded to the tick past it on its own side, so
                // a visible order of ours there, which has priority over it, counts as being at its price.
                Statistics.SubTickExecutions++;
                price += side == Side.Buy ? 1 : 0;
            }
        }

        _lastTime = time;
        return true;
    }

    private bool Whole(ReadOnlySpan<byte> line, int field, out long value)
    {
        ReadOnlySpan<byte> text = CsvLine.Field(line, _fields[field]);
        return Utf8Parser.TryParse(text, out value, out int used) && used == text.Length;
    }

    /// <summary>
    /// "34200.017459617" → nanoseconds. Some rows carry a binary float's tail ("43002.632812672004"):
    /// digits past the ninth are rounded off, since LOBSTER's clock is the nanosecond.
    /// </summary>
    private static bool ParseTime(ReadOnlySpan<byte> text, out long nanoseconds)
    {
        nanoseconds = 0;
        int dot = text.IndexOf((byte)'.');
        ReadOnlySpan<byte> whole = dot < 0 ? text : text[..dot];
        ReadOnlySpan<byte> fraction = dot < 0 ? default : text[(dot + 1)..];
        if (!Utf8Parser.TryParse(whole, out long seconds, out int used) || used != whole.Length || seconds < 0 || seconds > 86_400 || fraction.Length > 18)
        {
            return false;
        }

        long part = 0;
        for (int i = 0; i < 9; i++)
        {
            int digit = i < fraction.Length ? fraction[i] - '0' : 0;
            if ((uint)digit > 9)
            {
                return false;
            }

            part = (part * 10) + digit;
        }

        for (int i = 9; i < fraction.Length; i++)
        {
            if ((uint)(fraction[i] - '0') > 9)
            {
                return false;
            }
        }

        part += fraction.Length > 9 && fraction[9] >= '5' ? 1 : 0;

        nanoseconds = (seconds * 1_000_000_000) + part;
        return true;
    }

    /// <summary>Closes the zip once every entry stream opened from it is closed.</summary>
    private sealed class SharedOwner(IDisposable owned, int users) : IDisposable
    {
        private int _users = users;

        public void Dispose()
        {
            if (--_users == 0)
            {
                owned.Dispose();
            }
        }
    }
}
