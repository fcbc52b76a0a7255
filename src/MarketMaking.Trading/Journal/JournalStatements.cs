using System.Globalization;
using System.Text;
using MarketMaking.Core.Orders;
using MarketMaking.Trading.Orders;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MarketMaking.Trading.Journal;

/// <summary>
/// The journal writer's prepared statements, driven through SQLite's own interface (bind, step, reset)
/// rather than ADO.NET commands, whose parameters box every number and whose executions allocate: the
/// writer shares the process, and so the collector, with the order path. Texts are written as UTF-8 into
/// one reused buffer and bound from it (SQLite copies them), so writing an entry allocates nothing.
/// </summary>
internal sealed class JournalStatements : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _begin;
    private readonly sqlite3_stmt _commit;
    private readonly sqlite3_stmt _event;
    private readonly sqlite3_stmt _order;
    private readonly sqlite3_stmt _fill;
    private readonly sqlite3_stmt _meta;
    private readonly sqlite3_stmt _linkPrefix;
    private readonly sqlite3_stmt _linkReserved;
    private readonly sqlite3_stmt _end;
    private readonly sqlite3_stmt _adoption;
    private readonly sqlite3_stmt _adoptionPrice;
    private readonly sqlite3_stmt _inventoryLimit;
    private readonly sqlite3_stmt[] _all;
    private byte[] _text = new byte[1024];

    public JournalStatements(SqliteConnection connection, int run)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the journal's connection is not open");
        _begin = Prepare("BEGIN");
        _commit = Prepare("COMMIT");
        _event = Prepare("INSERT INTO events(run, local_ns, exchange_ns, kind, link_id, detail) VALUES(?1, ?2, ?3, ?4, ?5, ?6)", run);
        _order = Prepare("INSERT INTO orders(run, link_id, side, price, qty, reduce_only, state, executed, exchange_order_id, created_ns, updated_ns, reason) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
            + "ON CONFLICT(link_id) DO UPDATE SET price = excluded.price, qty = excluded.qty, state = excluded.state, executed = excluded.executed, exchange_order_id = coalesce(excluded.exchange_order_id, orders.exchange_order_id), updated_ns = excluded.updated_ns, reason = coalesce(excluded.reason, orders.reason)", run);
        _fill = Prepare("INSERT OR IGNORE INTO fills(run, exec_id, link_id, side, price, qty, fee, is_maker, exchange_ns, local_ns) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", run);
        _meta = Prepare("INSERT OR IGNORE INTO meta(key, value) VALUES(?1, ?2)");
        _linkPrefix = Prepare("INSERT INTO meta(key, value) VALUES('link_prefix', ?1) ON CONFLICT(key) DO NOTHING");
        _linkReserved = Prepare("INSERT INTO meta(key, value) VALUES('link_reserved', ?1) ON CONFLICT(key) DO UPDATE SET value = max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))");
        _end = Prepare("UPDATE runs SET ended_ns = ?2, final_state = ?3, end_reason = ?4 WHERE run = ?1", run);
        // The fills written before it (the writer keeps the queue's order) are the ones the adopted position replaces.
        _adoption = Prepare("INSERT INTO adoptions(run, local_ns, position, last_fill) VALUES(?1, ?2, ?3, (SELECT coalesce(max(rowid), 0) FROM fills))", run);
        _adoptionPrice = Prepare("UPDATE adoptions SET price = ?2 WHERE id = (SELECT max(id) FROM adoptions WHERE run = ?1)", run);
        _inventoryLimit = Prepare("UPDATE runs SET inventory_limit = ?2 WHERE run = ?1", run);
        _all = [_begin, _commit, _event, _order, _fill, _meta, _linkPrefix, _linkReserved, _end, _adoption, _adoptionPrice, _inventoryLimit];
    }

    public void Begin() => Step(_begin);

    public void Commit() => Step(_commit);

    public void Write(in JournalEntry e)
    {
        switch (e.Kind)
        {
            case JournalEntryKind.Event:
                Event(e.LocalTime, e.ExchangeTime, e.Name, e.LinkId);
                Text(_event, 6, e.Text ?? "");
                Step(_event);
                break;
            case JournalEntryKind.Request:
                Event(e.LocalTime, 0, "request", e.LinkId);
                Utf8(_event, 6, RequestText.Write(e.Command, Room(RequestText.MaxBytes)));
                Step(_event);
                break;
            case JournalEntryKind.OrderEvent:
                Event(e.LocalTime, 0, e.Name, e.LinkId);
                Utf8(_event, 6, OrderEventText(e));
                Step(_event);
                break;
            case JournalEntryKind.Transition:
                Event(e.LocalTime, e.ExchangeTime, e.Name, e.LinkId);
                Utf8(_event, 6, TransitionText(e));
                Step(_event);
                break;
            case JournalEntryKind.Reply:
                Event(e.LocalTime, e.ExchangeTime, "reply", e.LinkId);
                Utf8(_event, 6, ReplyText(e));
                Step(_event);
                break;
            case JournalEntryKind.Decision:
                JournalDecision d = e.Decision;
                Event(e.LocalTime, e.ExchangeTime, "decision", null);
                Utf8(_event, 6, DecisionText.Write(Room(DecisionText.MaxBytes), d.Time, d.Mid, d.Position, d.Bid, d.Ask));
                Step(_event);
                break;
            case JournalEntryKind.Order:
                Text(_order, 2, e.LinkId);
                Side(_order, 3, e.Side);
                Number(_order, 4, e.Price);
                Number(_order, 5, e.Quantity);
                Check(raw.sqlite3_bind_int(_order, 6, e.Flag ? 1 : 0));
                Text(_order, 7, e.Name);
                Number(_order, 8, e.Amount);
                Text(_order, 9, e.ExchangeId);
                Check(raw.sqlite3_bind_int64(_order, 10, e.Number));
                Check(raw.sqlite3_bind_int64(_order, 11, e.LocalTime));
                Text(_order, 12, e.Text);
                Step(_order);
                break;
            case JournalEntryKind.Fill:
                Text(_fill, 2, e.Name);
                Text(_fill, 3, e.LinkId);
                Side(_fill, 4, e.Side);
                Number(_fill, 5, e.Price);
                Number(_fill, 6, e.Quantity);
                Number(_fill, 7, e.Amount);
                Check(raw.sqlite3_bind_int(_fill, 8, e.Flag ? 1 : 0));
                Check(raw.sqlite3_bind_int64(_fill, 9, e.ExchangeTime));
                Check(raw.sqlite3_bind_int64(_fill, 10, e.LocalTime));
                Step(_fill);
                break;
            case JournalEntryKind.Meta:
                Text(_meta, 1, e.Name);
                Text(_meta, 2, e.Text);
                Step(_meta);
                break;
            case JournalEntryKind.Reservation:
                Text(_linkPrefix, 1, e.Name);
                Step(_linkPrefix);
                Text(_linkReserved, 1, e.Number.ToString(CultureInfo.InvariantCulture));
                Step(_linkReserved);
                break;
            case JournalEntryKind.Adoption:
                Check(raw.sqlite3_bind_int64(_adoption, 2, e.LocalTime));
                Number(_adoption, 3, e.Amount);
                Step(_adoption);
                break;
            case JournalEntryKind.AdoptionPrice:
                Number(_adoptionPrice, 2, e.Amount);
                Step(_adoptionPrice);
                break;
            case JournalEntryKind.InventoryLimit:
                Number(_inventoryLimit, 2, e.Amount);
                Step(_inventoryLimit);
                break;
            case JournalEntryKind.RunEnd:
                Check(raw.sqlite3_bind_int64(_end, 2, e.LocalTime));
                Text(_end, 3, e.Text);
                Text(_end, 4, e.Name);
                Step(_end);
                break;
        }
    }

    public void Dispose()
    {
        foreach (sqlite3_stmt statement in _all)
        {
            statement.Dispose();
        }
    }

    private sqlite3_stmt Prepare(string sql, int? run = null)
    {
        Check(raw.sqlite3_prepare_v2(_db, sql, out sqlite3_stmt statement));
        if (run is { } number)
        {
            Check(raw.sqlite3_bind_int64(statement, 1, number)); // bindings outlive each reset: the run is bound once
        }

        return statement;
    }

    /// <summary>The event row's columns other than its detail.</summary>
    private void Event(long localTime, long exchangeTime, string? kind, string? linkId)
    {
        Check(raw.sqlite3_bind_int64(_event, 2, localTime));
        Check(raw.sqlite3_bind_int64(_event, 3, exchangeTime));
        Text(_event, 4, kind);
        Text(_event, 5, linkId);
    }

    /// <summary><c>Buy 0.001@100.1 Filled</c>: the order's side, quantity, price and state name.</summary>
    private int OrderEventText(in JournalEntry e)
    {
        var line = new Utf8Line(Room(128 + Encoding.UTF8.GetMaxByteCount(e.Text?.Length ?? 0)));
        line.Append(e.Side == Core.Orders.Side.Buy ? "Buy "u8 : "Sell "u8);
        line.Append(e.Quantity);
        line.Append("@"u8);
        line.Append(e.Price);
        line.Append(" "u8);
        line.Append(e.Text ?? "");
        return line.Length;
    }

    /// <summary><c>New → Cancelled: reason</c>: an order's state change, with the venue's reason when it gave one.</summary>
    private int TransitionText(in JournalEntry e)
    {
        string reason = e.Text ?? "";
        var line = new Utf8Line(Room(64 + Encoding.UTF8.GetMaxByteCount(reason.Length)));
        line.Append(e.Before.Name());
        line.Append(" → "u8);
        line.Append(e.After.Name());
        if (reason.Length > 0)
        {
            line.Append(": "u8);
            line.Append(reason);
        }

        return line.Length;
    }

    /// <summary><c>Create Accepted 0 OK</c>: the request's kind, the outcome, the venue's code and message.</summary>
    private int ReplyText(in JournalEntry e)
    {
        string message = e.Text ?? "";
        var line = new Utf8Line(Room(64 + Encoding.UTF8.GetMaxByteCount(message.Length)));
        line.Append(e.Command.Kind.ToString());
        line.Append(" "u8);
        line.Append(e.Outcome.ToString());
        line.Append(" "u8);
        line.Append(e.Number);
        line.Append(" "u8);
        line.Append(message);
        return line.Length;
    }

    /// <summary>The reused text buffer, grown when a text needs more.</summary>
    private Span<byte> Room(int bytes)
    {
        if (_text.Length < bytes)
        {
            _text = new byte[Math.Max(bytes, _text.Length * 2)];
        }

        return _text;
    }

    private void Text(sqlite3_stmt statement, int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(statement, index));
            return;
        }

        Span<byte> text = Room(Encoding.UTF8.GetMaxByteCount(value.Length));
        Utf8(statement, index, Encoding.UTF8.GetBytes(value, text));
    }

    /// <summary>Money and quantities as the venue's decimal text.</summary>
    private void Number(sqlite3_stmt statement, int index, decimal value)
    {
        var line = new Utf8Line(Room(64));
        line.Append(value);
        Utf8(statement, index, line.Length);
    }

    private void Side(sqlite3_stmt statement, int index, Side side) =>
        Check(raw.sqlite3_bind_text(statement, index, side == Core.Orders.Side.Buy ? "Buy"u8 : "Sell"u8));

    /// <summary>Binds the first <paramref name="length"/> bytes of the text buffer (SQLite copies them).</summary>
    private void Utf8(sqlite3_stmt statement, int index, int length) =>
        Check(raw.sqlite3_bind_text(statement, index, _text.AsSpan(0, length)));

    private void Step(sqlite3_stmt statement)
    {
        int result = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        Check(result);
    }

    private void Check(int result) => SqliteException.ThrowExceptionForRC(result, _db);
}
