using MarketMaking.Core.Instruments;
using MarketMaking.Data.Bybit;

namespace MarketMaking.Trading.Venues;

/// <summary>
/// Bybit's public data for linear contracts over the existing client: instruments-info and the
/// server time over REST, and the <c>orderbook.50</c> and <c>publicTrade</c> topics over the public
/// stream, with book sync and gap recovery as the recorder does.
/// </summary>
public sealed class BybitPublicData : IMarketDataSource, IDisposable
{
    private readonly BybitRestClient _rest;
    private readonly BybitFeedOptions _feed;

    /// <param name="name">The venue's name.</param>
    /// <param name="restBaseUrl">Where REST requests go.</param>
    /// <param name="streamBaseUrl">The public stream host (the category's path is appended).</param>
    /// <param name="time">The clock that stamps local receive times.</param>
    public BybitPublicData(string name, Uri restBaseUrl, Uri streamBaseUrl, TimeProvider? time = null)
    {
        Name = name;
        Endpoint = restBaseUrl?.ToString() ?? throw new ArgumentNullException(nameof(restBaseUrl));
        time ??= TimeProvider.System;
        _rest = new BybitRestClient(new BybitRestOptions { BaseUrl = restBaseUrl, TimeProvider = time, Timeout = TimeSpan.FromSeconds(5), MaxRetries = 3 });
        _feed = new BybitFeedOptions { BaseUrl = streamBaseUrl, TimeProvider = time, KeepRaw = false, ReceiveTimeout = TimeSpan.FromSeconds(10), ReconnectDelay = TimeSpan.FromMilliseconds(200), MaxReconnectDelay = TimeSpan.FromSeconds(5), ResyncTimeout = TimeSpan.FromSeconds(3) };
    }

    public string Name { get; }

    public string Endpoint { get; }

    /// <summary>Depth of the book topic.</summary>
    public int Depth { get; init; } = 50;

    public async Task<VenueInstrument> InstrumentAsync(string symbol, CancellationToken cancellationToken)
    {
        Instrument instrument = await _rest.GetInstrumentAsync(BybitCategory.Linear, symbol, cancellationToken).ConfigureAwait(false);
        decimal lot = (decimal)instrument.LotSize;
        return new VenueInstrument(instrument, (decimal)instrument.TickSize, lot, lot);
    }

    public IAsyncEnumerable<BybitFeedMessage> StreamAsync(VenueInstrument instrument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        string symbol = instrument.Instrument.Symbol;
        var feed = new BybitMarketFeed(BybitCategory.Linear, instrument.Instrument, [BybitTopics.OrderBook(Depth, symbol), BybitTopics.Trades(symbol)], _feed);
        return feed.ReadAsync(cancellationToken);
    }

    public Task<long> ServerTimeAsync(CancellationToken cancellationToken) => _rest.GetServerTimeAsync(cancellationToken);

    public void Dispose() => _rest.Dispose();
}
