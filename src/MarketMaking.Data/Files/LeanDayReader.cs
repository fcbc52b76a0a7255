using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Text;

namespace MarketMaking.Data.Files;

/// <summary>
/// One day of Lean equity ticks: the quote file and the trade file read side by side and merged by
/// their millisecond times (quotes first at equal times, so a trade sees the quote stamped with it).
/// Bad rows name their own file and line.
/// </summary>
internal sealed class LeanDayReader : IDisposable
{
    private const long NanosPerMilli = 1_000_000;
    private const int QuoteFields = 8;
    private const int TradeFields = 6;

    private readonly LeanConsolidatedBook _book;
    private readonly EventBuffer _output = new();
    private readonly Source _quotes;
    private readonly Source? _trades;
    private readonly DateOnly _day;
    private readonly long _midnightUtc;
    private readonly bool _fixedOffset;
    private long _tradeId;

    public LeanDayReader(string quotes, string? trades, DateOnly day, LeanConsolidatedBook book, BadRowPolicy policy, BadRowCounts counts)
    {
        _book = book;
        _day = day;
        _quotes = new Source(quotes, new BadRowHandler(quotes, policy, counts));
        _trades = trades is null ? null : new Source(trades, new BadRowHandler(trades, policy, counts));
        _midnightUtc = NewYorkClock.ToUtcNanos(day, 0);
        _fixedOffset = NewYorkClock.HasFixedOffset(day);
        _book.Clear(_output, _midnightUtc);
    }

    public int Read(Span<MarketEvent> buffer)
    {
        int written = 0;
        while (true)
        {
            written += _output.Drain(buffer[written..]);
            if (written == buffer.Length)
            {
                return written;
            }

            // Parse rows until one commits events (a suspicious or bad row commits none).
            while (_output.Committed == 0)
            {
                Source? next = _quotes.HasLine && (_trades is not { HasLine: true } || _quotes.Time <= _trades.Time) ? _quotes
                    : _trades is { HasLine: true } ? _trades : null;
                if (next is null)
                {
                    return written;
                }

                if (next == _quotes)
                {
                    ParseQuote(next.Line, next.LineNumber, next.Time);
                }
                else
                {
                    ParseTrade(next.Line, next.LineNumber, next.Time);
                }

                next.Advance();
            }
        }
    }

    public void Dispose()
    {
        _quotes.Dispose();
        _trades?.Dispose();
    }

    private void ParseQuote(ReadOnlySpan<byte> line, long lineNumber, long ms)
    {
        Span<Range> fields = stackalloc Range[QuoteFields + 1];
        if (!CheckRow(_quotes, line, lineNumber, fields, QuoteFields, "ms, bid, bid size, ask, ask size, exchange, condition, suspicious"))
        {
            return;
        }

        if (CsvLine.Field(line, fields[7]).SequenceEqual("1"u8))
        {
            _book.SuspiciousRows++;
            return;
        }

        if (!TryWhole(_quotes, line, fields[1], lineNumber, "bid", out long bid) || !TryWhole(_quotes, line, fields[2], lineNumber, "bid_size", out long bidSize)
            || !TryWhole(_quotes, line, fields[3], lineNumber, "ask", out long ask) || !TryWhole(_quotes, line, fields[4], lineNumber, "ask_size", out long askSize)
            || !TryExchange(_quotes, line, fields[5], lineNumber, out byte exchange)
            || !TryTicks(_quotes, bid, lineNumber, "bid", out long bidTicks) || !TryTicks(_quotes, ask, lineNumber, "ask", out long askTicks))
        {
            return;
        }

        long time = TimeOf(ms);
        if (bid > 0)
        {
            _book.Set(_output, time, exchange, Side.Buy, bidTicks, _book.Instrument.ToLots(bidSize));
        }

        if (ask > 0)
        {
            _book.Set(_output, time, exchange, Side.Sell, askTicks, _book.Instrument.ToLots(askSize));
        }

        _output.CommitBatch();
    }

    private void ParseTrade(ReadOnlySpan<byte> line, long lineNumber, long ms)
    {
        Span<Range> fields = stackalloc Range[TradeFields + 1];
        if (!CheckRow(_trades!, line, lineNumber, fields, TradeFields, "ms, price, quantity, exchange, condition, suspicious"))
        {
            return;
        }

        if (CsvLine.Field(line, fields[5]).SequenceEqual("1"u8))
        {
            _book.SuspiciousRows++;
            return;
        }

        if (!TryWhole(_trades!, line, fields[1], lineNumber, "price", out long price) || !TryWhole(_trades!, line, fields[2], lineNumber, "quantity", out long quantity))
        {
            return;
        }

        if (price == 0 || quantity == 0)
        {
            _trades!.BadRows.Report(BadRowReason.Malformed, lineNumber, price == 0 ? "price" : "quantity", "a trade needs a price and a quantity above 0");
            return;
        }

        // Sub-penny prints (midpoint and dark executions) go to the nearest tick.
        long ticks = (long)Math.Round(price / 10_000.0 / _book.Instrument.TickSize);
        long time = TimeOf(ms);
        _output.Add(time, time, MarketEventKind.Trade, _book.Aggressor(ticks), ticks, _book.Instrument.ToLots(quantity), ++_tradeId, EventMarkers.None);
        _output.CommitBatch();
    }

    private static bool CheckRow(Source source, ReadOnlySpan<byte> line, long lineNumber, Span<Range> fields, int expected, string layout)
    {
        int count = CsvLine.Split(line, fields);
        if (count != expected)
        {
            source.BadRows.Report(BadRowReason.Malformed, lineNumber, "line", $"expected {expected} fields ({layout}), found {count}");
            return false;
        }

        return true;
    }

    private static bool TryWhole(Source source, ReadOnlySpan<byte> line, Range range, long lineNumber, string field, out long value)
    {
        ReadOnlySpan<byte> text = CsvLine.Field(line, range);
        if (DecimalText.TryParseInteger(text, out value))
        {
            return true;
        }

        bool negative = text.Length > 1 && text[0] == '-' && DecimalText.TryParseInteger(text[1..], out _);
        source.BadRows.Report(negative ? BadRowReason.NegativeSize : BadRowReason.UnparsableNumber, lineNumber, field,
            negative ? $"negative {field} '{System.Text.Encoding.UTF8.GetString(text)}'" : $"'{System.Text.Encoding.UTF8.GetString(text)}' is not a whole number");
        return false;
    }

    private static bool TryExchange(Source source, ReadOnlySpan<byte> line, Range range, long lineNumber, out byte exchange)
    {
        ReadOnlySpan<byte> text = CsvLine.Field(line, range);
        exchange = text.Length == 1 ? text[0] : (byte)0;
        if (text.Length != 1)
        {
            source.BadRows.Report(BadRowReason.Malformed, lineNumber, "exchange", "expected a one-letter exchange code");
            return false;
        }

        return true;
    }

    /// <summary>A quote price (dollars × 10000) in ticks; off the tick grid is a bad row.</summary>
    private bool TryTicks(Source source, long scaled, long lineNumber, string field, out long ticks)
    {
        double exact = scaled / 10_000.0 / _book.Instrument.TickSize;
        ticks = (long)Math.Round(exact);
        if (Math.Abs(exact - ticks) > 1e-6)
        {
            source.BadRows.Report(BadRowReason.OffGrid, lineNumber, field, $"{scaled / 10_000.0} is not a whole number of ticks of {_book.Instrument.TickSize}");
            return false;
        }

        return true;
    }

    private long TimeOf(long ms) => _fixedOffset ? _midnightUtc + (ms * NanosPerMilli) : NewYorkClock.ToUtcNanos(_day, ms);

    /// <summary>One of the day's files with its next good-timed line held.</summary>
    private sealed class Source : IDisposable
    {
        private readonly LineReader _lines;
        private byte[] _line = new byte[256];
        private int _length;
        private long _lastTime = long.MinValue;

        public Source(string path, BadRowHandler badRows)
        {
            BadRows = badRows;
            _lines = new LineReader(DataStreams.OpenRead(path), path);
            Advance();
        }

        public BadRowHandler BadRows { get; }

        public bool HasLine { get; private set; }

        public long Time { get; private set; }

        public long LineNumber { get; private set; }

        public ReadOnlySpan<byte> Line => _line.AsSpan(0, _length);

        /// <summary>Holds the next line whose time parses and does not go backwards; bad ones are reported.</summary>
        public void Advance()
        {
            HasLine = false;
            while (_lines.TryReadLine(out ReadOnlySpan<byte> line))
            {
                line = line.Trim((byte)' ');
                if (line.IsEmpty)
                {
                    continue;
                }

                int comma = line.IndexOf((byte)',');
                if (comma < 0 || !DecimalText.TryParseInteger(line[..comma], out long ms))
                {
                    BadRows.Report(BadRowReason.UnparsableNumber, _lines.LineNumber, "time", "the first field is not whole milliseconds after midnight");
                    continue;
                }

                if (ms < _lastTime)
                {
                    BadRows.Report(BadRowReason.TimeWentBackwards, _lines.LineNumber, "time", $"{TimeText.TimeOfDay(ms * 1_000_000)} is before the previous row's {TimeText.TimeOfDay(_lastTime * 1_000_000)}");
                    continue;
                }

                _lastTime = ms;
                if (line.Length > _line.Length)
                {
                    _line = new byte[line.Length * 2];
                }

                line.CopyTo(_line);
                _length = line.Length;
                Time = ms;
                LineNumber = _lines.LineNumber;
                HasLine = true;
                return;
            }
        }

        public void Dispose() => _lines.Dispose();
    }
}
