using System.Globalization;
using System.Collections.Concurrent;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Files;
using MarketMaking.Trading.Orders;
using MarketMaking.Trading.Venues;
using Microsoft.Data.Sqlite;

namespace MarketMaking.Trading.Journal;

/// <summary>
/// The session's audit trail in an embedded SQLite database (WAL, one file per session): every
/// decision, request, reply, order state change, fill, market-data gap, reconnect and risk event,
/// with local and exchange times. Writes are queued (a lock-free queue, no wake-up per write) and
/// a writer on a thread of its own commits what is there every 5 ms in one transaction,
/// so nothing on the tick-to-order path waits for the disk or for another thread; a commit survives
/// a kill -9 (WAL with synchronous=NORMAL is durable against a process crash). Not on the thread
/// pool: a commit (a checkpoint can take milliseconds) held a pool thread that the sockets' reads
/// continue on, and its 5 ms timer woke the runtime's timer thread 200 times a second.
/// </summary>
public sealed class TradingJournal : IAsyncDisposable
{
    private const int BatchSize = 4096;

    /// <summary>
    /// How often the writer commits what has been queued. Every commit rewrites whole pages of the
    /// WAL, so a longer interval costs less (at 20 ms the writer took 9.5 against 26 ms of processor
    /// time a second), but widens what a kill -9 keeps out of the journal: the entries of the last
    /// interval. The restart's reconciliation writes the orders' rows back from the venue (open,
    /// closed in its order history, or traded), but the decisions, requests and replies of that
    /// interval are gone for good, so the window stays short.
    /// </summary>
    private static readonly TimeSpan CommitInterval = TimeSpan.FromMilliseconds(5);

    private readonly ConcurrentQueue<JournalEntry> _queue = new();
    private readonly SqliteConnection _connection;
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _writerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _committed;
    private int _closed;
    private Exception? _failure;

    private TradingJournal(string path, SqliteConnection connection, JournalState state, int run)
    {
        Path = path;
        _connection = connection;
        State = state;
        Run = run;
        new Thread(Write) { IsBackground = true, Name = "mm journal" }.Start();
    }

    public string Path { get; }

    /// <summary>What the journal held before this run.</summary>
    public JournalState State { get; }

    /// <summary>This run's number (1 for a new journal).</summary>
    public int Run { get; }

    /// <summary>Entries committed so far.</summary>
    public long Written => Interlocked.Read(ref _committed);

    /// <summary>Why the writer stopped, if it failed (disk full, file removed); the session stops on it.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>
    /// Opens (or creates) the journal at <paramref name="path"/>, reads what it holds and records
    /// the start of a new run. An unwritable place is one clear error; an existing database that is
    /// not a journal (tables of its own) is refused as <c>mm journal</c> refuses it, untouched. With
    /// <paramref name="identity"/>, a journal that belongs to another mode, venue, endpoint or symbol
    /// is refused untouched too (<see cref="JournalOwner"/>); one admitted records it.
    /// </summary>
    public static TradingJournal Open(string path, long now, string venue, string symbol, string strategy, VenueIdentity? identity = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        SqliteConnection? connection = null;
        try
        {
            OutputFolder.CreateFor(path);

            connection = JournalSchema.Open(path, SqliteOpenMode.ReadWriteCreate);
            bool existing = JournalSchema.Verify(connection, path, orEmpty: true);
            var owner = identity is null ? null : new JournalOwner(identity, symbol);
            if (existing && owner is not null)
            {
                // Before anything is written: a refused session leaves the journal as it was.
                JournalOwner.Read(connection, JournalReader.Runs(connection))?.Admit(owner, path);
            }

            JournalSchema.Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
            JournalSchema.Execute(connection, JournalSchema.Create);
            JournalSchema.Upgrade(connection);
            JournalSchema.Execute(connection, $"INSERT OR IGNORE INTO meta(key, value) VALUES('schema', '{JournalSchema.Version}')");
            owner?.Write(connection);
            JournalState state = JournalReader.Load(connection);
            using SqliteCommand insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO runs(started_ns, venue, symbol, strategy) VALUES($t, $v, $s, $g); SELECT last_insert_rowid();";
            insert.Parameters.AddWithValue("$t", now);
            insert.Parameters.AddWithValue("$v", venue);
            insert.Parameters.AddWithValue("$s", symbol);
            insert.Parameters.AddWithValue("$g", strategy);
            int run = Convert.ToInt32(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
            return new TradingJournal(path, connection, state, run);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            connection?.Dispose();
            throw new OutputException(path, $"cannot open the journal: {e.Message}");
        }
        catch (MarketMakingException)
        {
            connection?.Dispose();
            throw;
        }
    }

    /// <summary>Sets a meta value once (the link-id prefix of a new journal).</summary>
    public void Meta(string key, string value) => Enqueue(new JournalEntry { Kind = JournalEntryKind.Meta, Name = key, Text = value });

    /// <summary>One line of the audit trail.</summary>
    public void Event(string kind, long localTime, long exchangeTime, string? linkId, string detail) =>
        Enqueue(new JournalEntry { Kind = JournalEntryKind.Event, Name = kind, LocalTime = localTime, ExchangeTime = exchangeTime, LinkId = linkId, Text = detail });

    /// <summary>A request handed to the venue (its text is written off the order path).</summary>
    public void Request(in OrderCommand command) =>
        Enqueue(new JournalEntry { Kind = JournalEntryKind.Request, LocalTime = command.SentAt, LinkId = command.LinkId.Length > 0 ? command.LinkId : null, Command = command });

    /// <summary>An order event described by the order's side, quantity, price and state now (the text is written off the order path).</summary>
    public void OrderEvent(string kind, long localTime, TrackedOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        Enqueue(new JournalEntry { Kind = JournalEntryKind.OrderEvent, Name = kind, LocalTime = localTime, LinkId = order.LinkId, Side = order.Side, Quantity = order.Quantity, Price = order.Price, Text = order.State.Name() });
    }

    /// <summary>An order's state change, <c>New → Cancelled</c> and the venue's reason when it gave one (the text is written off the order path).</summary>
    public void Transition(long localTime, long exchangeTime, string linkId, OrderState before, OrderState after, string reason = "") =>
        Enqueue(new JournalEntry { Kind = JournalEntryKind.Transition, Name = "order", LocalTime = localTime, ExchangeTime = exchangeTime, LinkId = linkId, Before = before, After = after, Text = reason });

    /// <summary>The venue's answer to a request, <c>Create Accepted 0 OK</c> (the text is written off the order path).</summary>
    public void Reply(OrderReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        Enqueue(new JournalEntry
        {
            Kind = JournalEntryKind.Reply,
            LocalTime = reply.ReceivedAt,
            ExchangeTime = reply.ExchangeTime,
            LinkId = reply.Command.LinkId.Length > 0 ? reply.Command.LinkId : null,
            Command = reply.Command,
            Outcome = reply.Outcome,
            Number = reply.Code,
            Text = reply.Message,
        });
    }

    /// <summary>A quoting decision: time on the session's clock, mid, position and best quotes (the text is written off the order path).</summary>
    public void Decision(long localTime, long exchangeTime, double time, double mid, double position, double bid, double ask) =>
        Enqueue(new JournalEntry { Kind = JournalEntryKind.Decision, LocalTime = localTime, ExchangeTime = exchangeTime, Decision = new JournalDecision(time, mid, position, bid, ask) });

    /// <summary>An order's state now (its row is replaced; the change itself goes to the events).</summary>
    public void Order(TrackedOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        Enqueue(new JournalEntry
        {
            Kind = JournalEntryKind.Order,
            LinkId = order.LinkId,
            Side = order.Side,
            Price = order.Price,
            Quantity = order.Quantity,
            Flag = order.ReduceOnly,
            Name = order.State.Name(),
            Amount = Math.Max(order.Executed, order.VenueExecuted),
            ExchangeId = order.ExchangeOrderId,
            Number = order.CreatedAt,
            LocalTime = order.UpdatedAt,
            Text = order.RejectReason,
        });
    }

    /// <summary>An execution, recorded once per execution id (a second write of the same id is ignored).</summary>
    public void Fill(VenueExecution execution, long localTime)
    {
        ArgumentNullException.ThrowIfNull(execution);
        Enqueue(new JournalEntry
        {
            Kind = JournalEntryKind.Fill,
            Name = execution.ExecutionId,
            LinkId = execution.LinkId,
            Side = execution.Side,
            Price = execution.Price,
            Quantity = execution.Quantity,
            Amount = execution.Fee,
            Flag = execution.IsMaker,
            ExchangeTime = execution.ExecutionTime,
            LocalTime = localTime,
        });
    }

    /// <summary>The venue's position, taken as the journal's (--adopt-position): the executions journaled before it no longer add to the position.</summary>
    public void Adoption(long localTime, decimal position) => Enqueue(new JournalEntry { Kind = JournalEntryKind.Adoption, LocalTime = localTime, Amount = position });

    /// <summary>The price this run's adopted position is taken at (its cost is unknown: the mid the session opened it at), for the report.</summary>
    public void AdoptionPrice(decimal price) => Enqueue(new JournalEntry { Kind = JournalEntryKind.AdoptionPrice, Amount = price });

    /// <summary>The inventory limit this run's metrics count time at (none: not called), so a report drawn from the journal counts it too.</summary>
    public void InventoryLimit(decimal limit) => Enqueue(new JournalEntry { Kind = JournalEntryKind.InventoryLimit, Amount = limit });

    /// <summary>Reserves link-id counters below <paramref name="upTo"/>; <paramref name="committed"/> is called once the reservation is on disk.</summary>
    public void ReserveLinks(string prefix, long upTo, Action<long> committed) =>
        Enqueue(new JournalEntry { Kind = JournalEntryKind.Reservation, Name = prefix, Number = upTo, Callback = committed });

    /// <summary>Records how this run ended: why (<c>duration reached</c>, <c>failed at start: …</c>) and the final state as JSON (null when it never traded).</summary>
    public void EndRun(long localTime, string? finalState, string reason) => Enqueue(new JournalEntry { Kind = JournalEntryKind.RunEnd, LocalTime = localTime, Text = finalState, Name = reason });

    /// <summary>Completes when everything queued before it is committed.</summary>
    public Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(new JournalEntry { Kind = JournalEntryKind.Flush, Callback = done });
        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            await _closing.CancelAsync().ConfigureAwait(false);
        }

        await _writerDone.Task.ConfigureAwait(false);
        _connection.Dispose();
        _closing.Dispose();
    }

    private void Enqueue(in JournalEntry entry)
    {
        if (Volatile.Read(ref _closed) == 1 || _failure is not null)
        {
            (entry.Callback as TaskCompletionSource)?.TrySetResult(); // closed: nothing more will be written
            return;
        }

        _queue.Enqueue(entry);
    }

    private void Write()
    {
        var callbacks = new List<JournalEntry>();
        try
        {
            // Finalized before the writer says it is done: a statement left open when DisposeAsync closes the
            // connection keeps it open (a zombie) until the statement goes, and the -wal and -shm files with it.
            using var statements = new JournalStatements(_connection, Run);
            bool open = true;
            while (open)
            {
                open = !_closing.Token.WaitHandle.WaitOne(CommitInterval); // closing: one last commit of what is queued
                while (!_queue.IsEmpty)
                {
                    Commit(statements, callbacks);
                }
            }
        }
        catch (Exception e)
        {
            // Whatever stops the writer (a full disk, a removed file, a callback that threw) stops the session, not the process.
            Volatile.Write(ref _failure, e);
            foreach (JournalEntry entry in callbacks)
            {
                (entry.Callback as TaskCompletionSource)?.TrySetException(e);
            }

            while (_queue.TryDequeue(out JournalEntry entry))
            {
                (entry.Callback as TaskCompletionSource)?.TrySetException(e);
            }
        }
        finally
        {
            _writerDone.TrySetResult();
        }
    }

    /// <summary>Writes up to a batch of queued entries in one transaction, then runs their callbacks.</summary>
    private void Commit(JournalStatements statements, List<JournalEntry> callbacks)
    {
        int count = 0;
        statements.Begin();
        while (count < BatchSize && _queue.TryDequeue(out JournalEntry entry))
        {
            statements.Write(entry);
            count++;
            if (entry.Callback is not null)
            {
                callbacks.Add(entry);
            }
        }

        statements.Commit();

        Interlocked.Add(ref _committed, count);
        foreach (JournalEntry entry in callbacks)
        {
            switch (entry.Callback)
            {
                case TaskCompletionSource done:
                    done.TrySetResult();
                    break;
                case Action<long> reserved:
                    reserved(entry.Number);
                    break;
            }
        }

        callbacks.Clear();
    }
}
