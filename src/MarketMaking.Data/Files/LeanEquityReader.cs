using System.Globalization;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;

namespace MarketMaking.Data.Files;

/// <summary>
/// QuantConnect Lean's US-equity tick data: a day's quotes (<c>YYYYMMDD_quote.zip</c>, one exchange's
/// quote per row) merged by time with the day's trades beside it (<c>YYYYMMDD_trade.zip</c>), or every
/// day of a folder in date order. The quotes build the consolidated book of the exchanges' best quotes
/// (the level at a price holds the sum of the exchanges quoting there), whose top is the national best
/// bid and offer; a quote that crosses or locks older quotes of other exchanges on the other side
/// drops them as stale (<see cref="StaleQuotesDropped"/>). Trades take the aggressor side from the
/// NBBO by the quote rule (above the mid a buy, below a sell, at the mid the tick rule). Rows flagged
/// suspicious are skipped and counted (<see cref="SuspiciousRows"/>). Times are New York wall-clock
/// milliseconds after midnight, converted to UTC; exchange and local time are the same. Default
/// instrument: the folder's name as symbol, tick 0.01, lot 1 share; a sub-penny trade price is
/// rounded to the nearest tick.
/// </summary>
public sealed class LeanEquityReader : MarketDataReader
{
    private readonly (string Quotes, string? Trades, DateOnly Day)[] _days;
    private readonly MarketDataOptions _options;
    private readonly LeanConsolidatedBook _book;
    private LeanDayReader? _current;
    private int _next;

    public LeanEquityReader(string path, MarketDataOptions? options = null)
        : base(path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _options = options ?? new MarketDataOptions();
        _days = FindDays(path);
        Instrument = _options.Instrument ?? new Instrument(
            _options.Symbol ?? SymbolOf(path),
            _options.TickSize ?? 0.01,
            _options.LotSize ?? 1);
        if (!Instrument.HasPriceGrid)
        {
            throw new InvalidParameterException("tick-size", "reading a data file needs a tick size > 0");
        }

        _book = new LeanConsolidatedBook(Instrument);
    }

    public override Instrument Instrument { get; }

    /// <summary>Quotes of other exchanges removed because a newer quote crossed or locked them.</summary>
    public long StaleQuotesDropped => _book.StaleQuotesDropped;

    /// <summary>Rows flagged suspicious by the data vendor, skipped.</summary>
    public long SuspiciousRows => _book.SuspiciousRows;

    public override int Read(Span<MarketEvent> buffer)
    {
        int written = 0;
        while (written < buffer.Length)
        {
            if (_current is null)
            {
                if (_next == _days.Length)
                {
                    break;
                }

                (string quotes, string? trades, DateOnly day) = _days[_next++];
                _current = new LeanDayReader(quotes, trades, day, _book, _options.OnBadRow, BadRows);
            }

            int n = _current.Read(buffer[written..]);
            written += n;
            if (n == 0)
            {
                _current.Dispose();
                _current = null;
            }
        }

        return written;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The day files a path stands for: one day's quote or trade file, or every day in a folder.</summary>
    private static (string Quotes, string? Trades, DateOnly Day)[] FindDays(string path)
    {
        if (Directory.Exists(path))
        {
            var days = Directory.GetFiles(path, "*_quote.zip").Order(StringComparer.Ordinal).Select(DayOf).ToArray();
            return days.Length > 0 ? days : throw new InvalidParameterException("data", $"{path} holds no Lean quote files (YYYYMMDD_quote.zip)");
        }

        if (!File.Exists(path))
        {
            throw new InvalidParameterException("data", $"file not found: {path}");
        }

        string name = System.IO.Path.GetFileName(path);
        if (name.EndsWith("_trade.zip", StringComparison.OrdinalIgnoreCase))
        {
            string quotes = path[..^"_trade.zip".Length] + "_quote.zip";
            return File.Exists(quotes) ? [DayOf(quotes)]
                : throw new InvalidParameterException("data", $"{path}: the quotes of that day ({System.IO.Path.GetFileName(quotes)}) are not beside it; the NBBO needs them");
        }

        return [DayOf(path)];
    }

    private static (string Quotes, string? Trades, DateOnly Day) DayOf(string quotes)
    {
        string name = System.IO.Path.GetFileName(quotes);
        if (name.Length < 8 || !DateOnly.TryParseExact(name[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day))
        {
            throw new InvalidParameterException("data", $"{quotes}: a Lean tick file is named YYYYMMDD_quote.zip; the date is needed to place its times");
        }

        string trades = quotes.EndsWith("_quote.zip", StringComparison.OrdinalIgnoreCase) ? quotes[..^"_quote.zip".Length] + "_trade.zip" : "";
        return (quotes, File.Exists(trades) ? trades : null, day);
    }

    private static string SymbolOf(string path)
    {
        string folder = Directory.Exists(path) ? path : System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? "";
        string name = System.IO.Path.GetFileName(folder.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        return string.IsNullOrEmpty(name) ? "EQUITY" : name.ToUpperInvariant();
    }
}
