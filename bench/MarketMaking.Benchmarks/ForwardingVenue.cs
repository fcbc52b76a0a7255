using MarketMaking.Data.Bybit;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Venues;

namespace MarketMaking.Benchmarks;

/// <summary>A venue that hands everything to <paramref name="inner"/>: the benches' stamping venues override only what they time.</summary>
internal abstract class ForwardingVenue(IVenue inner) : IVenue
{
    public string Name => inner.Name;

    public VenueIdentity Identity => inner.Identity;

    public bool SupportsAmend => inner.SupportsAmend;

    public Task<VenueInstrument> ConnectAsync(string symbol, CancellationToken cancellationToken) => inner.ConnectAsync(symbol, cancellationToken);

    public IAsyncEnumerable<BybitFeedMessage> MarketDataAsync(CancellationToken cancellationToken) => inner.MarketDataAsync(cancellationToken);

    public IAsyncEnumerable<PrivateUpdate> PrivateUpdatesAsync(CancellationToken cancellationToken) => inner.PrivateUpdatesAsync(cancellationToken);

    public virtual void Observe(BybitFeedMessage message, List<PrivateUpdate> updates) => inner.Observe(message, updates);

    public virtual void Tick(long now, List<PrivateUpdate> updates) => inner.Tick(now, updates);

    public virtual ValueTask<OrderReply> SendAsync(OrderCommand command, CancellationToken cancellationToken) => inner.SendAsync(command, cancellationToken);

    public Task<VenueSnapshot> SnapshotAsync(long executionsSince, CancellationToken cancellationToken) => inner.SnapshotAsync(executionsSince, cancellationToken);

    public Task<IReadOnlyList<VenueOrderUpdate>> ClosedOrdersAsync(long since, CancellationToken cancellationToken) => inner.ClosedOrdersAsync(since, cancellationToken);

    public Task<long> ServerTimeAsync(CancellationToken cancellationToken) => inner.ServerTimeAsync(cancellationToken);

    public Task<VenueAccount> AccountAsync(long since, CancellationToken cancellationToken) => inner.AccountAsync(since, cancellationToken);

    public void ResumeFrom(JournalState journal) => inner.ResumeFrom(journal);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
