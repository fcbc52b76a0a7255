using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;

namespace MarketMaking.Data.Files;

/// <summary>A market data file read as a stream of events, with the bad rows it skipped counted.</summary>
public abstract class MarketDataReader : IMarketEventSource
{
    protected MarketDataReader(string path)
    {
        Path = path;
    }

    /// <summary>The file, as given.</summary>
    public string Path { get; }

    public abstract Instrument Instrument { get; }

    /// <summary>Rows skipped so far, per reason (always zero with <see cref="BadRowPolicy.Stop"/>: it throws instead).</summary>
    public BadRowCounts BadRows { get; } = new();

    /// <summary>
    /// Book updates read but not applied because the book was not synchronized: before the first
    /// snapshot, older than the snapshot, or after a sequence gap until the next snapshot.
    /// </summary>
    public virtual long UnappliedUpdates => 0;

    public abstract int Read(Span<MarketEvent> buffer);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
