using MarketMaking.Data.Bybit;

namespace MarketMaking.Trading.Venues;

/// <summary>
/// Where a trading session trades: public market data, order entry, the private updates about our
/// orders, and the queries reconciliation needs. Implemented over Bybit's V5 API (mainnet, demo,
/// testnet or a local venue, one code path) and by the paper venue, which simulates our orders
/// against a live book; the session cannot tell them apart.
/// </summary>
public interface IVenue : IAsyncDisposable
{
    /// <summary>The venue's name as given on the command line (<c>bybit-testnet</c>, <c>local</c>, <c>paper on bybit</c>).</summary>
    string Name { get; }

    /// <summary>Paper or live, the venue and its endpoint: what a journal belongs to (a session on another is refused).</summary>
    VenueIdentity Identity { get; }

    /// <summary>True when orders can be amended in place (price and quantity) rather than cancelled and replaced.</summary>
    bool SupportsAmend { get; }

    /// <summary>Looks up the instrument (tick, lot, fees) and checks the account can trade; call first.</summary>
    Task<VenueInstrument> ConnectAsync(string symbol, CancellationToken cancellationToken);

    /// <summary>The public stream of the symbol: book snapshots and deltas (gaps already detected and resynchronized), trades, and notices of disconnections.</summary>
    IAsyncEnumerable<BybitFeedMessage> MarketDataAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The private stream: order updates, executions, and <see cref="StreamStatus"/> when the
    /// connection goes down or comes back (reconnecting is the venue's job). Runs until cancelled.
    /// </summary>
    IAsyncEnumerable<PrivateUpdate> PrivateUpdatesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called by the session with every market message before it uses it, on the session's thread:
    /// a simulated venue moves our orders against the book here and appends what happened to them
    /// to <paramref name="updates"/>; a real venue does nothing.
    /// </summary>
    void Observe(BybitFeedMessage message, List<PrivateUpdate> updates);

    /// <summary>
    /// Called by the session on its timer, on the session's thread: a simulated venue lets time pass
    /// for our orders when the market is quiet (arrivals and cancels land), appending what happened
    /// to <paramref name="updates"/>; a real venue does nothing.
    /// </summary>
    void Tick(long now, List<PrivateUpdate> updates);

    /// <summary>Sends one request; the reply says what the venue answered (never throws for a venue's refusal or a timeout).</summary>
    ValueTask<OrderReply> SendAsync(OrderCommand command, CancellationToken cancellationToken);

    /// <summary>Open orders, position, and executions at or after <paramref name="executionsSince"/> (ns since the epoch).</summary>
    Task<VenueSnapshot> SnapshotAsync(long executionsSince, CancellationToken cancellationToken);

    /// <summary>
    /// Orders on the symbol closed now (filled, cancelled, rejected), at least those created at or after
    /// <paramref name="since"/> (ns since the epoch), from the venue's order history: where the start's
    /// reconciliation finds the orders a crash kept out of the journal, traded or not (it picks them by link id).
    /// </summary>
    Task<IReadOnlyList<VenueOrderUpdate>> ClosedOrdersAsync(long since, CancellationToken cancellationToken);

    /// <summary>The venue's clock (ns since the epoch), for the drift check.</summary>
    Task<long> ServerTimeAsync(CancellationToken cancellationToken);

    /// <summary>The venue's accounting of our trading since <paramref name="since"/> (ns), for the end-of-session comparison.</summary>
    Task<VenueAccount> AccountAsync(long since, CancellationToken cancellationToken);

    /// <summary>
    /// The journal the session starts on, before its reconciliation: a simulated venue, whose account
    /// lives in this process, resumes from it (for paper trading the journal is the truth); a real
    /// venue keeps its own account and does nothing.
    /// </summary>
    void ResumeFrom(Journal.JournalState journal);
}
