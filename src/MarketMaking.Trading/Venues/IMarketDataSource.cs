using MarketMaking.Data.Bybit;

namespace MarketMaking.Trading.Venues;

/// <summary>A venue's public side: the instrument's definition, its market-data stream and the venue's clock. No account needed.</summary>
public interface IMarketDataSource
{
    /// <summary>Where the data comes from (<c>bybit</c>, <c>local</c>…).</summary>
    string Name { get; }

    /// <summary>Where it is reached: its REST base URL (<c>https://api.bybit.com/</c>).</summary>
    string Endpoint { get; }

    Task<VenueInstrument> InstrumentAsync(string symbol, CancellationToken cancellationToken);

    /// <summary>Book snapshots and deltas (gaps detected and resynchronized) and trades of the instrument, until cancelled.</summary>
    IAsyncEnumerable<BybitFeedMessage> StreamAsync(VenueInstrument instrument, CancellationToken cancellationToken);

    Task<long> ServerTimeAsync(CancellationToken cancellationToken);
}
