namespace MarketMaking.Trading.Venues;

/// <summary>
/// Which venue a session trades on, as its journal keeps it: paper or live, the venue's name
/// (<c>bybit</c>, <c>local</c>…) and where it is reached (its REST base URL). Two local venues on
/// other ports are other venues: each is an exchange with its own accounts.
/// </summary>
/// <param name="Paper">True when our orders are simulated locally against the venue's public data.</param>
/// <param name="Name">The venue's name as given on the command line.</param>
/// <param name="Endpoint">Where the venue is reached (<c>https://api.bybit.com/</c>, <c>http://127.0.0.1:8199/</c>).</param>
public sealed record VenueIdentity(bool Paper, string Name, string Endpoint)
{
    /// <summary><c>paper</c> or <c>live</c>.</summary>
    public string Mode => Paper ? "paper" : "live";
}
