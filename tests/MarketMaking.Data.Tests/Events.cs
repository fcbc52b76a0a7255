using MarketMaking.Core.MarketData;

namespace MarketMaking.Data.Tests;

/// <summary>Reads a whole event source, for tests on small files.</summary>
internal static class Events
{
    public static List<MarketEvent> ReadAll(IMarketEventSource source, int bufferSize = 1000)
    {
        var all = new List<MarketEvent>();
        var buffer = new MarketEvent[bufferSize];
        int n;
        while ((n = source.Read(buffer)) > 0)
        {
            all.AddRange(buffer.AsSpan(0, n));
        }

        return all;
    }
}
