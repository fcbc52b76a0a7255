using MarketMaking.Core.Errors;
using Microsoft.Data.Sqlite;

namespace MarketMaking.Trading.Journal;

/// <summary>The journal's tables, and how a connection to it is opened.</summary>
internal static class JournalSchema
{
    public const int Version = 1;

    /// <summary>
    /// Every table: <c>meta</c> (key/value: the link-id prefix and reservation, and what the journal
    /// belongs to: <see cref="JournalOwner"/>), <c>runs</c> (one row per start of the session, with how
    /// it ended: the time, why, and the final state; and the inventory limit its report counts time at,
    /// null for none), <c>events</c> (decisions, requests, replies,
    /// gaps, reconnects, risk events: the audit trail), <c>orders</c> (each order's latest state; its
    /// history is in events) <c>fills</c> (one row per venue execution id, so an execution is recorded
    /// exactly once) and <c>adoptions</c> (each position taken from the venue with --adopt-position,
    /// with the last fill row before it: the journal's position is the last adoption plus the fills after it;
    /// and the price it was taken at, the mid the session opened it at, null until the session had one).
    /// Money and quantities are stored as the venue's decimal text, never as binary floating point.
    /// </summary>
    public const string Create = """
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS runs(run INTEGER PRIMARY KEY, started_ns INTEGER NOT NULL, ended_ns INTEGER, venue TEXT NOT NULL, symbol TEXT NOT NULL, strategy TEXT NOT NULL, final_state TEXT, end_reason TEXT, inventory_limit TEXT);
        CREATE TABLE IF NOT EXISTS events(id INTEGER PRIMARY KEY, run INTEGER NOT NULL, local_ns INTEGER NOT NULL, exchange_ns INTEGER NOT NULL, kind TEXT NOT NULL, link_id TEXT, detail TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS orders(link_id TEXT PRIMARY KEY, run INTEGER NOT NULL, side TEXT NOT NULL, price TEXT NOT NULL, qty TEXT NOT NULL, reduce_only INTEGER NOT NULL, state TEXT NOT NULL, executed TEXT NOT NULL, exchange_order_id TEXT, created_ns INTEGER NOT NULL, updated_ns INTEGER NOT NULL, reason TEXT);
        CREATE TABLE IF NOT EXISTS fills(exec_id TEXT PRIMARY KEY, run INTEGER NOT NULL, link_id TEXT NOT NULL, side TEXT NOT NULL, price TEXT NOT NULL, qty TEXT NOT NULL, fee TEXT NOT NULL, is_maker INTEGER NOT NULL, exchange_ns INTEGER NOT NULL, local_ns INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS fills_time ON fills(exchange_ns);
        CREATE TABLE IF NOT EXISTS adoptions(id INTEGER PRIMARY KEY, run INTEGER NOT NULL, local_ns INTEGER NOT NULL, position TEXT NOT NULL, last_fill INTEGER NOT NULL, price TEXT);
        """;

    /// <summary>
    /// A connection without pooling: a pooled connection would keep the file open (and a deleted
    /// journal alive) after the session ends.
    /// </summary>
    public static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>The SQLite URI that opens <paramref name="path"/> as a file nothing writes (no locks, no WAL files).</summary>
    public static string ImmutableUri(string path) =>
        "file:" + Path.GetFullPath(path).Replace("%", "%25", StringComparison.Ordinal).Replace("?", "%3f", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal) + "?immutable=1";

    /// <summary>
    /// Throws "not a trading journal" unless the database at <paramref name="path"/> holds the
    /// journal's tables, or, when <paramref name="orEmpty"/>, no table at all (a new journal): the
    /// session must not add its tables to some other database, nor <c>mm journal</c> read one.
    /// Returns true when the journal's tables are there.
    /// </summary>
    public static bool Verify(SqliteConnection connection, string path, bool orEmpty)
    {
        try
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT count(*), coalesce(sum(name IN ('meta', 'runs', 'events', 'orders', 'fills')), 0) FROM sqlite_master WHERE type = 'table'";
            using SqliteDataReader reader = command.ExecuteReader();
            reader.Read();
            long tables = reader.GetInt64(0), journals = reader.GetInt64(1);
            if (journals != 5 && !(orEmpty && tables == 0))
            {
                throw NotAJournal(path, "its tables are missing");
            }

            return journals == 5;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteNotADatabase)
        {
            throw NotAJournal(path, "not an SQLite database");
        }
        catch (SqliteException e)
        {
            throw new TradingException($"{path}: cannot read the journal: {e.Message}");
        }
    }

    /// <summary>SQLITE_NOTADB: the file is something else (a CSV, a report), not a database.</summary>
    private const int SqliteNotADatabase = 26;

    /// <summary>The user named the wrong file: bad input (exit 2), as a journal of another session is.</summary>
    private static InvalidParameterException NotAJournal(string path, string why) =>
        new("journal", $"{path} is not a trading journal ({why})");

    /// <summary>Adds what a journal written by an earlier version lacks: the runs' <c>end_reason</c> and <c>inventory_limit</c>, and the adoptions' <c>price</c>.</summary>
    public static void Upgrade(SqliteConnection connection)
    {
        if (!HasColumn(connection, "runs", "end_reason"))
        {
            Execute(connection, "ALTER TABLE runs ADD COLUMN end_reason TEXT");
        }

        if (!HasColumn(connection, "runs", "inventory_limit"))
        {
            Execute(connection, "ALTER TABLE runs ADD COLUMN inventory_limit TEXT");
        }

        if (!HasColumn(connection, "adoptions", "price"))
        {
            Execute(connection, "ALTER TABLE adoptions ADD COLUMN price TEXT");
        }
    }

    /// <summary>Whether <paramref name="table"/> has <paramref name="column"/> (a journal of an earlier version may not).</summary>
    public static bool HasColumn(SqliteConnection connection, string table, string column)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pragma_table_info($table) WHERE name = $column";
        command.Parameters.AddWithValue("$table", table);
        command.Parameters.AddWithValue("$column", column);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
