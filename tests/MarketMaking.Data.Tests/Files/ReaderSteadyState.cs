using MarketMaking.Core.MarketData;
using MarketMaking.Tests.Samples;

namespace MarketMaking.Data.Tests.Files;

/// <summary>The steady-state allocation check shared by the file readers' tests.</summary>
internal static class ReaderSteadyState
{
    /// <summary>
    /// What reading a market-data source to its end allocates once warm: each pass reads a source
    /// freshly opened by <paramref name="open"/> whose first buffer was read unmeasured. Returns the
    /// fewest bytes, the events the last pass read after its first buffer, and the last source, still
    /// open for its statistics (the caller disposes it).
    /// </summary>
    public static (long Allocated, long Read, TSource Last) ReadingAllocates<TSource>(Func<TSource> open, MarketEvent[] buffer)
        where TSource : class, IMarketEventSource
    {
        ArgumentNullException.ThrowIfNull(open);
        TSource? source = null;
        long read = 0;
        long allocated = SteadyState.AllocatedBytes(
            _ =>
            {
                read = 0;
                int n;
                while ((n = source!.Read(buffer)) > 0)
                {
                    read += n;
                }
            },
            prepare: _ =>
            {
                source?.Dispose();
                source = open();
                source.Read(buffer);
            });
        return (allocated, read, source!);
    }
}
