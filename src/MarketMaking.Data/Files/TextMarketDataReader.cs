using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Data.Text;

namespace MarketMaking.Data.Files;

/// <summary>A reader of a line-oriented text format (NDJSON, CSV), plain, gzip or zip.</summary>
public abstract class TextMarketDataReader : MarketDataReader
{
    private readonly TextEventPump _pump;

    internal TextMarketDataReader(string path, MarketDataFormat format, MarketDataOptions? options, Func<ParseContext, LineParser> createParser)
        : base(path)
    {
        _pump = TextEventPump.Open(path, format, options ?? new MarketDataOptions(), BadRows, createParser);
    }

    public override Instrument Instrument => _pump.Instrument;

    public override long UnappliedUpdates => _pump.UnappliedUpdates;

    public override int Read(Span<MarketEvent> buffer) => _pump.Read(buffer);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pump.Dispose();
        }

        base.Dispose(disposing);
    }
}
