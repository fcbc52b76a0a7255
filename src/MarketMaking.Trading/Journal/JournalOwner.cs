using MarketMaking.Core.Errors;
using MarketMaking.Trading.Venues;
using Microsoft.Data.Sqlite;

namespace MarketMaking.Trading.Journal;

/// <summary>
/// What a journal belongs to: paper or live trading of one symbol on one venue at one endpoint, kept
/// in its <c>meta</c> table by the last session admitted. The start's reconciliation compares the
/// journal's orders and executions with the venue's account, so once the journal holds any, a session
/// of another mode, venue, endpoint or symbol is refused before anything is written. A journal that
/// holds none (its sessions failed at the start or stopped before trading: a mistyped symbol) has
/// nothing to compare and takes any session. A journal older than this record names only its symbol
/// (its first run's); it is admitted on that, and gets the record.
/// </summary>
/// <param name="Venue">The venue; null when the journal predates the record.</param>
/// <param name="Symbol">The traded symbol.</param>
internal sealed record JournalOwner(VenueIdentity? Venue, string Symbol)
{
    private static readonly string[] Keys = ["mode", "venue", "endpoint", "symbol"];

    /// <summary>
    /// The owner recorded in the journal; from its first run (the symbol alone) when it predates the
    /// record; null when the journal holds no order and no execution (new, or never traded on).
    /// </summary>
    public static JournalOwner? Read(SqliteConnection connection, IReadOnlyList<JournalRun> runs)
    {
        using (SqliteCommand traded = connection.CreateCommand())
        {
            traded.CommandText = "SELECT EXISTS(SELECT 1 FROM orders) OR EXISTS(SELECT 1 FROM fills)";
            if (Convert.ToInt64(traded.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return null;
            }
        }

        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM meta WHERE key IN ('mode', 'venue', 'endpoint', 'symbol')";
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                values[reader.GetString(0)] = reader.GetString(1);
            }
        }

        if (Keys.All(values.ContainsKey))
        {
            return new JournalOwner(new VenueIdentity(values["mode"] == "paper", values["venue"], values["endpoint"]), values["symbol"]);
        }

        return runs.Count > 0 ? new JournalOwner(null, runs[0].Symbol) : null;
    }

    /// <summary>Records this owner, admitted (in place of one that held nothing, or that predates the record).</summary>
    public void Write(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(Venue);
        using SqliteCommand insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO meta(key, value) VALUES('mode', $m), ('venue', $v), ('endpoint', $e), ('symbol', $s) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        insert.Parameters.AddWithValue("$m", Venue.Mode);
        insert.Parameters.AddWithValue("$v", Venue.Name);
        insert.Parameters.AddWithValue("$e", Venue.Endpoint);
        insert.Parameters.AddWithValue("$s", Symbol);
        insert.ExecuteNonQuery();
    }

    /// <summary>
    /// Throws unless <paramref name="session"/> (whose venue is known) may use the journal at
    /// <paramref name="path"/> that this owner holds: one line naming the journal, its owner and what
    /// differs (<c>runs/x/journal.db belongs to paper trading of BTCUSDT on bybit; this session is live on local</c>).
    /// </summary>
    public void Admit(JournalOwner session, string path)
    {
        ArgumentNullException.ThrowIfNull(session.Venue);
        bool symbol = Symbol != session.Symbol;
        bool mode = Venue is { } venue && venue.Paper != session.Venue.Paper;
        bool name = Venue is { } named && named.Name != session.Venue.Name;
        bool endpoint = Venue is { } reached && !name && reached.Endpoint != session.Venue.Endpoint;
        if (!(symbol || mode || name || endpoint))
        {
            return;
        }

        string owner = Venue is null ? $"trading of {Symbol}" : $"{Venue.Mode} trading of {Symbol} on {Venue.Name}{(endpoint ? $" at {Venue.Endpoint}" : "")}";
        string other = $"{session.Venue.Mode}{(symbol ? $" trading of {session.Symbol}" : "")} on {session.Venue.Name}{(endpoint ? $" at {session.Venue.Endpoint}" : "")}";
        throw new InvalidParameterException("journal", $"{path} belongs to {owner}; this session is {other}: give another --journal");
    }
}
