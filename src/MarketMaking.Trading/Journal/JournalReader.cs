using System.Globalization;
using System.Text.Json;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;
using MarketMaking.Trading.Accounting;
using Microsoft.Data.Sqlite;

namespace MarketMaking.Trading.Journal;

/// <summary>Reads a session journal: its state for a restart, and its tables for <c>mm journal</c> and reports.</summary>
public static class JournalReader
{
    /// <summary>Opens <paramref name="path"/> read-only; a missing file or one that is not a journal is a <see cref="TradingException"/>.</summary>
    public static JournalState Load(string path)
    {
        using SqliteConnection connection = OpenExisting(path);
        return Load(connection);
    }

    public static IReadOnlyList<JournalEvent> Events(string path, string? kind = null)
    {
        using SqliteConnection connection = OpenExisting(path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT id, run, local_ns, exchange_ns, kind, link_id, detail FROM events" + (kind is null ? "" : " WHERE kind = $kind") + " ORDER BY id";
        if (kind is not null)
        {
            command.Parameters.AddWithValue("$kind", kind);
        }

        var events = new List<JournalEvent>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            events.Add(new JournalEvent(reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6)));
        }

        return events;
    }

    public static IReadOnlyList<JournalOrder> Orders(string path)
    {
        using SqliteConnection connection = OpenExisting(path);
        return Orders(connection, onlyOpen: false);
    }

    public static IReadOnlyList<JournalFill> Fills(string path)
    {
        using SqliteConnection connection = OpenExisting(path);
        return Fills(connection);
    }

    /// <summary>
    /// The mid the journal last marked its position at: the later of its last decision's mid and the mark
    /// the last run that ended cleanly recorded in its final state (the last mid that session saw, after
    /// its last decision); else the last execution's price; null when it holds neither.
    /// </summary>
    public static decimal? LastMark(string path)
    {
        using SqliteConnection connection = OpenExisting(path);
        (long Time, decimal Mark)? last = null;
        using (SqliteCommand command = connection.CreateCommand())
        {
            command.CommandText = "SELECT local_ns, detail FROM events WHERE kind = 'decision' ORDER BY id DESC";
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (DecisionText.TryParse(reader.GetString(1), out _, out double mid, out _, out _, out _))
                {
                    last = (reader.GetInt64(0), (decimal)mid);
                    break;
                }
            }
        }

        using (SqliteCommand command = connection.CreateCommand())
        {
            command.CommandText = "SELECT ended_ns, final_state FROM runs WHERE ended_ns IS NOT NULL AND final_state IS NOT NULL ORDER BY ended_ns DESC LIMIT 1";
            using SqliteDataReader reader = command.ExecuteReader();
            if (reader.Read() && FinalMark(reader.GetString(1)) is { } mark && (last is null || reader.GetInt64(0) >= last.Value.Time))
            {
                last = (reader.GetInt64(0), mark);
            }
        }

        if (last is { } found)
        {
            return found.Mark;
        }

        using SqliteCommand fill = connection.CreateCommand();
        fill.CommandText = "SELECT price FROM fills ORDER BY exchange_ns DESC, rowid DESC LIMIT 1";
        return fill.ExecuteScalar() is string price ? decimal.Parse(price, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>
    /// The journal's position, change by change, in the order its execution book counts them: every
    /// execution, and each adoption after the executions journaled before it and before those after it;
    /// an adoption journaled without a price carries the first mid known after it (see PriceAround), the
    /// one price mm journal … pnl, … report and the dashboard all take it at.
    /// </summary>
    public static IReadOnlyList<JournalPositionChange> PositionChanges(string path)
    {
        using SqliteConnection connection = OpenExisting(path);
        return PositionChanges(connection);
    }

    /// <summary>Every position adopted from the venue, in order (none in a journal older than the table).</summary>
    internal static IReadOnlyList<JournalAdoption> Adoptions(string path)
    {
        using SqliteConnection connection = OpenExisting(path);
        return Adoptions(connection);
    }

    private static List<JournalAdoption> Adoptions(SqliteConnection connection)
    {
        if (!JournalSchema.HasColumn(connection, "adoptions", "position"))
        {
            return [];
        }

        bool priced = JournalSchema.HasColumn(connection, "adoptions", "price");
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT run, local_ns, position, last_fill, {(priced ? "price" : "NULL")} FROM adoptions ORDER BY id";
        var adoptions = new List<JournalAdoption>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            adoptions.Add(new JournalAdoption(reader.GetInt32(0), reader.GetInt64(1), Decimal(reader, 2), reader.GetInt64(3), reader.IsDBNull(4) ? null : Decimal(reader, 4)));
        }

        return adoptions;
    }

    /// <summary>How many executions the journal holds (each execution id once).</summary>
    public static int CountFills(string path)
    {
        using SqliteConnection connection = OpenExisting(path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM fills";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    internal static JournalState Load(SqliteConnection connection)
    {
        string? prefix = Meta(connection, "link_prefix");
        long reserved = long.Parse(Meta(connection, "link_reserved") ?? "0", CultureInfo.InvariantCulture);
        IReadOnlyList<JournalRun> runs = Runs(connection);
        (decimal Position, long LastFill)? adoption = LastAdoption(connection);
        var state = new JournalState(prefix, reserved, runs, Fills(connection), Orders(connection, onlyOpen: true))
        {
            AdoptedPosition = adoption?.Position,
            LastLinkCounter = prefix is null ? -1 : LastLinkCounter(connection, prefix),
            LastWrittenAt = Scalar(connection, "SELECT local_ns FROM events ORDER BY id DESC LIMIT 1") ?? 0,
            AdoptedOrders = AdoptedOrders(connection),
        };
        if (adoption is { } adopted)
        {
            state.UnpricedAdoption = CountAdoptions(connection, state.Book);
            state.Book.RestorePosition(adopted.Position + PositionAfter(connection, adopted.LastFill));
        }

        return state;
    }

    /// <summary>Every run, in order (a journal older than the runs' end reason or inventory limit reads none).</summary>
    internal static IReadOnlyList<JournalRun> Runs(SqliteConnection connection)
    {
        string reason = JournalSchema.HasColumn(connection, "runs", "end_reason") ? "end_reason" : "NULL";
        string limit = JournalSchema.HasColumn(connection, "runs", "inventory_limit") ? "inventory_limit" : "NULL";
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT run, started_ns, ended_ns, venue, symbol, strategy, final_state, {reason}, {limit} FROM runs ORDER BY run";
        var runs = new List<JournalRun>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            runs.Add(new JournalRun(reader.GetInt32(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6))
            {
                EndReason = reader.IsDBNull(7) ? null : reader.GetString(7),
                InventoryLimit = reader.IsDBNull(8) ? double.PositiveInfinity : (double)Decimal(reader, 8),
            });
        }

        return runs;
    }

    /// <summary>The last position adopted from the venue and the last fill row before it (null: none, or a journal older than the table).</summary>
    private static (decimal Position, long LastFill)? LastAdoption(SqliteConnection connection)
    {
        if (Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'adoptions'") != 1)
        {
            return null;
        }

        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT position, last_fill FROM adoptions ORDER BY id DESC LIMIT 1";
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? (Decimal(reader, 0), reader.GetInt64(1)) : null;
    }

    /// <summary>
    /// Counts the cost of every adoption: the change it made to the position, at its price (<see cref="PriceAround"/>
    /// for one journaled without). Returns what the ones priced in no way (a journal that knows no price) changed it by.
    /// </summary>
    private static decimal CountAdoptions(SqliteConnection connection, ExecutionBook book)
    {
        decimal unpriced = 0;
        foreach (JournalPositionChange change in PositionChanges(connection))
        {
            if (change.Adoption?.Price is { } price)
            {
                book.CountAdoption(change.Quantity, price);
            }
            else if (change.Adoption is not null)
            {
                unpriced += change.Quantity;
            }
        }

        return unpriced;
    }

    /// <summary>
    /// Each adoption replaced the position it found: the one before it (or flat) and the executions
    /// journaled since (rows up to its <see cref="JournalAdoption.LastFill"/>), so it changed the position
    /// by the difference. Those executions stay: one journaled before an adoption (a crashed run's, found
    /// by the next start's reconciliation) was paid or received on the venue, its cash is real; the
    /// adoption moves the position from there to the venue's.
    /// </summary>
    private static List<JournalPositionChange> PositionChanges(SqliteConnection connection)
    {
        List<(long Row, JournalFill Fill)> fills = FillRows(connection);
        var changes = new List<JournalPositionChange>(fills.Count);
        decimal held = 0;
        long previous = 0;
        foreach (JournalAdoption journaled in Adoptions(connection))
        {
            JournalAdoption adoption = journaled.Price is null && PriceAround(connection, fills, journaled) is { } price ? journaled with { Price = price } : journaled;
            foreach ((long row, JournalFill fill) in fills)
            {
                if (row > previous && row <= adoption.LastFill)
                {
                    changes.Add(Change(fill));
                    held += changes[^1].Quantity;
                }
            }

            changes.Add(new JournalPositionChange(null, adoption, adoption.Position - held));
            previous = adoption.LastFill;
            held = adoption.Position;
        }

        changes.AddRange(fills.Where(f => f.Row > previous).Select(f => Change(f.Fill)));
        return changes;
    }

    /// <summary>
    /// The price of an adoption journaled without one (an older journal, a session that never decided):
    /// the first mid known after it — a decision's, or the mark a run's final state kept — as the session
    /// prices an adoption at its first decision's mid, the first price it sees once holding it; the last
    /// mid known before it when none follows. In a journal that knows no mid, the first execution
    /// journaled after it, else the last one before it: the only prices known. Null when it holds neither.
    /// </summary>
    private static decimal? PriceAround(SqliteConnection connection, List<(long Row, JournalFill Fill)> fills, JournalAdoption adoption) =>
        FirstMid(connection, adoption.LocalTime, after: true)
        ?? FirstMid(connection, adoption.LocalTime, after: false)
        ?? fills.Where(f => f.Row > adoption.LastFill).Select(f => (decimal?)f.Fill.Price).FirstOrDefault()
        ?? fills.Where(f => f.Row <= adoption.LastFill).Select(f => (decimal?)f.Fill.Price).LastOrDefault();

    /// <summary>The first mid (a decision's, or a final state's mark) journaled from <paramref name="time"/> on, or the last one before it.</summary>
    private static decimal? FirstMid(SqliteConnection connection, long time, bool after)
    {
        using SqliteCommand command = connection.CreateCommand();
        (string compare, string order) = after ? (">=", "ASC") : ("<", "DESC");
        command.CommandText = $"""
            SELECT local_ns AS at, detail, 0 AS final, id FROM events WHERE kind = 'decision' AND local_ns {compare} $time
            UNION ALL SELECT ended_ns, final_state, 1, run FROM runs WHERE ended_ns IS NOT NULL AND final_state IS NOT NULL AND ended_ns {compare} $time
            ORDER BY at {order}, final {order}, id {order}
            """;
        command.Parameters.AddWithValue("$time", time);
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            decimal? mid = reader.GetInt64(2) == 1 ? FinalMark(reader.GetString(1)) : DecisionMid(reader.GetString(1));
            if (mid is not null)
            {
                return mid;
            }
        }

        return null;
    }

    private static decimal? DecisionMid(string detail) =>
        DecisionText.TryParse(detail, out _, out double mid, out _, out _, out _) ? (decimal)mid : null;

    private static JournalPositionChange Change(JournalFill fill) => new(fill, null, fill.Side == Side.Buy ? fill.Quantity : -fill.Quantity);

    /// <summary>What the fills after row <paramref name="lastFill"/> add to the position.</summary>
    private static decimal PositionAfter(SqliteConnection connection, long lastFill)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT side, qty FROM fills WHERE rowid > $last";
        command.Parameters.AddWithValue("$last", lastFill);
        decimal position = 0;
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            position += ParseSide(reader.GetString(0)) == Side.Buy ? Decimal(reader, 1) : -Decimal(reader, 1);
        }

        return position;
    }

    /// <summary>The orders taken over with --adopt-orders, each with the venue's time of its first adoption.</summary>
    private static Dictionary<string, long> AdoptedOrders(SqliteConnection connection)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT link_id, MIN(exchange_ns) FROM events WHERE kind = 'adopted' AND link_id IS NOT NULL GROUP BY link_id";
        var adopted = new Dictionary<string, long>(StringComparer.Ordinal);
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            adopted[reader.GetString(0)] = reader.GetInt64(1);
        }

        return adopted;
    }

    /// <summary>The highest counter of the orders with this link-id prefix, or −1.</summary>
    private static long LastLinkCounter(SqliteConnection connection, string prefix)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(CAST(substr(link_id, $from) AS INTEGER)) FROM orders WHERE substr(link_id, 1, $length) = $prefix";
        command.Parameters.AddWithValue("$from", prefix.Length + 1);
        command.Parameters.AddWithValue("$length", prefix.Length);
        command.Parameters.AddWithValue("$prefix", prefix);
        return command.ExecuteScalar() is long counter ? counter : -1;
    }

    private static long? Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() is long value ? value : null;
    }

    private static SqliteConnection OpenExisting(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidParameterException("journal", $"file not found: {path}");
        }

        // A WAL journal opened read-only gets its -wal and -shm files created, and left (only a writer
        // removes them). Without a -wal file no session is writing it (a writer keeps one while open):
        // read it as immutable, which creates nothing.
        SqliteConnection connection = File.Exists(path + "-wal")
            ? JournalSchema.Open(path, SqliteOpenMode.ReadOnly)
            : JournalSchema.Open(JournalSchema.ImmutableUri(path), SqliteOpenMode.ReadOnly);
        try
        {
            _ = JournalSchema.Verify(connection, path, orEmpty: false);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static string? Meta(SqliteConnection connection, string key)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    private static List<JournalFill> Fills(SqliteConnection connection) => [.. FillRows(connection).Select(f => f.Fill)];

    private static List<(long Row, JournalFill Fill)> FillRows(SqliteConnection connection)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT exec_id, run, link_id, side, price, qty, fee, is_maker, exchange_ns, local_ns, rowid FROM fills ORDER BY exchange_ns, rowid";
        var fills = new List<(long, JournalFill)>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            fills.Add((reader.GetInt64(10), new JournalFill(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), ParseSide(reader.GetString(3)), Decimal(reader, 4), Decimal(reader, 5), Decimal(reader, 6), reader.GetInt64(7) != 0, reader.GetInt64(8), reader.GetInt64(9))));
        }

        return fills;
    }

    /// <summary>The mark a run's final state recorded (<c>"mark"</c>), if any.</summary>
    private static decimal? FinalMark(string finalState)
    {
        try
        {
            using var document = JsonDocument.Parse(finalState);
            return document.RootElement.TryGetProperty("mark", out JsonElement mark) && mark.ValueKind == JsonValueKind.Number ? mark.GetDecimal() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<JournalOrder> Orders(SqliteConnection connection, bool onlyOpen)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT link_id, run, side, price, qty, reduce_only, state, executed, exchange_order_id, created_ns, updated_ns, reason FROM orders"
            + (onlyOpen ? " WHERE state NOT IN ('Filled', 'Cancelled', 'Rejected')" : "") + " ORDER BY created_ns, rowid";
        var orders = new List<JournalOrder>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            orders.Add(new JournalOrder(reader.GetString(0), reader.GetInt32(1), ParseSide(reader.GetString(2)), Decimal(reader, 3), Decimal(reader, 4), reader.GetInt64(5) != 0, reader.GetString(6), Decimal(reader, 7), reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetInt64(9), reader.GetInt64(10), reader.IsDBNull(11) ? null : reader.GetString(11)));
        }

        return orders;
    }

    private static decimal Decimal(SqliteDataReader reader, int column) => decimal.Parse(reader.GetString(column), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

    internal static Side ParseSide(string text) => text == "Buy" ? Side.Buy : Side.Sell;
}
