using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Data.Files;

namespace MarketMaking.Data.Text;

/// <summary>
/// Drives a <see cref="LineParser"/> over a (decompressed) text file and hands out its events. Opening
/// first settles the instrument: given in the options, or inferred by a pass over the first lines.
/// </summary>
internal sealed class TextEventPump : IDisposable
{
    private readonly LineReader _lines;
    private readonly LineParser _parser;
    private readonly ParseContext _context;
    private bool _finished;

    private TextEventPump(Instrument instrument, LineReader lines, LineParser parser, ParseContext context)
    {
        Instrument = instrument;
        _lines = lines;
        _parser = parser;
        _context = context;
    }

    public Instrument Instrument { get; }

    public long UnappliedUpdates => _context.UnappliedUpdates;

    public static TextEventPump Open(string path, MarketDataFormat format, MarketDataOptions options, BadRowCounts counts, Func<ParseContext, LineParser> createParser)
    {
        Instrument instrument = ResolveInstrument(path, format, options, createParser);
        if (!instrument.HasPriceGrid)
        {
            throw new InvalidParameterException("tick-size", "reading a data file needs a tick size > 0");
        }

        var context = new ParseContext(UnitConverter.For(instrument.TickSize, instrument.LotSize), new BadRowHandler(path, options.OnBadRow, counts));
        var lines = new LineReader(DataStreams.OpenRead(path), path);
        return new TextEventPump(instrument, lines, createParser(context), context);
    }

    public int Read(Span<MarketEvent> buffer)
    {
        int written = 0;
        while (true)
        {
            written += _context.Output.Drain(buffer[written..]);
            if (written == buffer.Length || _finished)
            {
                return written;
            }

            while (_context.Output.Committed == 0)
            {
                if (!_lines.TryReadLine(out ReadOnlySpan<byte> line))
                {
                    _parser.Finish();
                    _finished = true;
                    break;
                }

                _parser.Parse(line, _lines.LineNumber);
            }
        }
    }

    public void Dispose() => _lines.Dispose();

    /// <summary>
    /// The options' instrument, or one built from the given parts with the rest inferred: tick and lot
    /// are 10^-d for the most decimals d written in the prices and sizes of the first lines. That grid
    /// may be finer than the exchange's ("61800.20" gives 0.01 where Binance's tick is 0.1) but it
    /// still represents every price in the file exactly, which is all replay needs.
    /// </summary>
    private static Instrument ResolveInstrument(string path, MarketDataFormat format, MarketDataOptions options, Func<ParseContext, LineParser> createParser)
    {
        if (options.Instrument is { } given)
        {
            return given;
        }

        if (options.Symbol is { } symbol && options.TickSize is { } tick && options.LotSize is { } lot)
        {
            return new Instrument(symbol, tick, lot);
        }

        UnitConverter units = UnitConverter.Inferring();
        var context = new ParseContext(units, new BadRowHandler(path, BadRowPolicy.Skip, new BadRowCounts()));
        LineParser parser = createParser(context);
        using (var lines = new LineReader(DataStreams.OpenRead(path), path))
        {
            while (lines.LineNumber < options.InferenceLines && lines.TryReadLine(out ReadOnlySpan<byte> line))
            {
                parser.Parse(line, lines.LineNumber);
                context.Output.Clear();
            }
        }

        // Nothing to infer from: say what the file is (empty, not gzip, another format) when it is not this one.
        if ((options.TickSize is null && units.PriceDecimals < 0) || (options.LotSize is null && units.QuantityDecimals < 0))
        {
            if (DataFileSniffer.Problem(path, format) is { } problem)
            {
                throw new InvalidParameterException("data", problem);
            }
        }

        double tickSize = options.TickSize ?? (units.PriceDecimals >= 0
            ? DecimalGrid.PowerOfTenStep(units.PriceDecimals)
            : throw new DataFormatException(path, options.InferenceLines, "price", $"no price in the first {options.InferenceLines} lines to infer the tick size from; give --tick-size"));
        double lotSize = options.LotSize ?? (units.QuantityDecimals >= 0
            ? DecimalGrid.PowerOfTenStep(units.QuantityDecimals)
            : throw new DataFormatException(path, options.InferenceLines, "size", $"no size in the first {options.InferenceLines} lines to infer the lot size from; give --lot-size"));
        return new Instrument(options.Symbol ?? parser.Symbol ?? SymbolFromFileName(path), tickSize, lotSize);
    }

    private static string SymbolFromFileName(string path)
    {
        string name = Path.GetFileName(path);
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? name[..dot] : name;
    }
}
