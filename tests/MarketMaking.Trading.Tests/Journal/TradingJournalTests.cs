using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Orders;
using MarketMaking.Trading.Venues;
using Microsoft.Data.Sqlite;

namespace MarketMaking.Trading.Tests.Journal;

public class TradingJournalTests
{
    [Fact]
    public async Task WhatIsWrittenIsReadBackExactlyAndAnExecutionIdIsStoredOnce()
    {
        using var temp = new TempJournal();
        await using (TradingJournal journal = TradingJournal.Open(temp.Path, 1000, "local", "SIMUSDT", "as"))
        {
            Assert.Equal(1, journal.Run);
            var tracker = new OrderTracker();
            TrackedOrder order = tracker.Add(1, "mm-abc-0", Side.Sell, 60001.5m, 0.003m, false, 1100);
            journal.Order(order);
            tracker.Acknowledge(order, "x-1", 1200);
            journal.Order(order); // replaces the row
            journal.Event("fill", 1300, 1290, "mm-abc-0", "Sell 0.001@60001.5");
            var fill = new VenueExecution("e-1", "mm-abc-0", "x-1", Side.Sell, 60001.5m, 0.001m, 0.0120003m, true, 1290);
            journal.Fill(fill, 1300);
            journal.Fill(fill, 1301); // a duplicate from a replayed message
            journal.ReserveLinks("mm-abc-", 1000, _ => { });
            journal.EndRun(1400, "{}", "duration reached");
            await journal.FlushAsync();
        }

        JournalOrder stored = Assert.Single(JournalReader.Orders(temp.Path));
        Assert.Equal(new JournalOrder("mm-abc-0", 1, Side.Sell, 60001.5m, 0.003m, false, "New", 0m, "x-1", 1100, 1200, null), stored);
        JournalFill storedFill = Assert.Single(JournalReader.Fills(temp.Path));
        Assert.Equal(new JournalFill("e-1", 1, "mm-abc-0", Side.Sell, 60001.5m, 0.001m, 0.0120003m, true, 1290, 1300), storedFill);
        JournalEvent e = Assert.Single(JournalReader.Events(temp.Path, "fill"));
        Assert.Equal((1300L, 1290L, "mm-abc-0", "Sell 0.001@60001.5"), (e.LocalTime, e.ExchangeTime, e.LinkId, e.Detail));

        JournalState state = JournalReader.Load(temp.Path);
        Assert.Equal(("mm-abc-", 1000L), (state.LinkPrefix, state.LinkReserved));
        Assert.Equal((-0.001m, 60.0015m - 0.0120003m), (state.Book.Position, state.Book.Cash));
        JournalRun run = Assert.Single(state.Runs);
        Assert.Equal((1000L, 1400L, "local", "SIMUSDT", "as", "{}", "duration reached"), (run.StartedAt, run.EndedAt, run.Venue, run.Symbol, run.Strategy, run.FinalState, run.EndReason));
        Assert.Equal(["mm-abc-0"], state.OpenOrders.Select(o => o.LinkId));
    }

    [Fact]
    public async Task RequestsOrderEventsAndDecisionsQueuedAsFiguresAreWrittenAsText()
    {
        using var temp = new TempJournal();
        await using (TradingJournal journal = TradingJournal.Open(temp.Path, 1000, "local", "SIMUSDT", "as"))
        {
            TrackedOrder order = new OrderTracker().Add(1, "mm-abc-0", Side.Buy, 60000.1m, 0.002m, false, 1100);
            journal.OrderEvent("new", 1100, order);
            journal.Request(new OrderCommand(OrderCommandKind.Create, "mm-abc-0", Side.Buy, 60000.1m, 0.002m, PostOnly: true, ReduceOnly: false, IsMarket: false, SentAt: 1150));
            journal.Request(new OrderCommand(OrderCommandKind.Create, "mm-abc-1", Side.Sell, 0m, 0.5m, PostOnly: false, ReduceOnly: true, IsMarket: true, SentAt: 1160));
            journal.Request(new OrderCommand(OrderCommandKind.Amend, "mm-abc-0", Side.Buy, 60000.2m, 0.001m, false, false, false, 1170));
            journal.Request(new OrderCommand(OrderCommandKind.CancelAll, "", Side.Buy, 0m, 0m, false, false, false, 1180));
            journal.Decision(1190, 1185, 12.5, 60000.15, -0.002, 60000.1, double.NaN);
            journal.Decision(1200, 1195, 12.6, 100.125, 1, 10007 * 0.01, 100.18); // a price as ticks × tick size, as the order manager computes it
            await journal.FlushAsync();
        }

        JournalEvent created = Assert.Single(JournalReader.Events(temp.Path, "new"));
        Assert.Equal((1100L, "mm-abc-0", "Buy 0.002@60000.1 PendingNew"), (created.LocalTime, created.LinkId, created.Detail));
        Assert.Equal(
            [(1150L, "mm-abc-0", "create Buy 0.002@60000.1 post-only"), (1160L, "mm-abc-1", "create Sell 0.5@market reduce-only"), (1170L, "mm-abc-0", "amend to 0.001@60000.2"), (1180L, null, "cancel-all")],
            JournalReader.Events(temp.Path, "request").Select(e => (e.LocalTime, e.LinkId, e.Detail)));
        IReadOnlyList<JournalEvent> decisions = JournalReader.Events(temp.Path, "decision");
        Assert.Equal((1190L, 1185L, """{"t":12.5,"mid":60000.15,"q":-0.002,"bid":60000.1,"ask":null}"""), (decisions[0].LocalTime, decisions[0].ExchangeTime, decisions[0].Detail));
        Assert.NotEqual(100.07, 10007 * 0.01); // the binary double is 100.07000000000001
        Assert.Equal("""{"t":12.6,"mid":100.125,"q":1,"bid":100.07,"ask":100.18}""", decisions[1].Detail);
    }

    [Fact]
    public async Task ASecondRunContinuesTheJournalAndAReservationOnlyGrows()
    {
        using var temp = new TempJournal();
        await using (TradingJournal first = TradingJournal.Open(temp.Path, 1, "local", "SIMUSDT", "as"))
        {
            first.ReserveLinks("mm-abc-", 2000, _ => { });
            await first.FlushAsync();
        }

        await using (TradingJournal second = TradingJournal.Open(temp.Path, 2, "local", "SIMUSDT", "as"))
        {
            Assert.Equal((2, "mm-abc-", 2000L), (second.Run, second.State.LinkPrefix, second.State.LinkReserved));
            long committed = 0;
            second.ReserveLinks("mm-other-", 1500, upTo => committed = upTo); // lower: ignored; the prefix stays
            await second.FlushAsync();
            Assert.Equal(1500, committed);
        }

        Assert.Equal(("mm-abc-", 2000L), (JournalReader.Load(temp.Path).LinkPrefix, JournalReader.Load(temp.Path).LinkReserved));
    }

    [Fact]
    public async Task TheFileIsReleasedWhenTheJournalIsDisposed()
    {
        using var temp = new TempJournal();
        await using (TradingJournal journal = TradingJournal.Open(temp.Path, 1, "local", "SIMUSDT", "as"))
        {
            journal.Event("start", 1, 0, null, "");
            await journal.FlushAsync();
        }

        _ = JournalReader.Load(temp.Path);

        // No pooled connection keeps it: the WAL is checkpointed away and the file can go.
        Assert.False(File.Exists(temp.Path + "-wal") && new FileInfo(temp.Path + "-wal").Length > 0);
        File.Delete(temp.Path);
        Assert.False(File.Exists(temp.Path));
    }

    [Fact]
    public void AFileThatIsNotAJournalIsOneClearError()
    {
        using var temp = new TempJournal();
        File.WriteAllText(temp.Path, "not a database");
        // The user named the wrong file: bad input (exit 2), in words, not SQLite's "Error 26".
        InvalidParameterException error = Assert.Throws<InvalidParameterException>(() => JournalReader.Load(temp.Path));
        Assert.Equal($"invalid journal: {temp.Path} is not a trading journal (not an SQLite database)", error.Message);
        Assert.Equal(2, error.ExitCode);
        Assert.Equal($"invalid journal: file not found: {temp.Path}.missing", Assert.Throws<InvalidParameterException>(() => JournalReader.Load(temp.Path + ".missing")).Message);
        Assert.Equal(error.Message, Assert.Throws<InvalidParameterException>(() => TradingJournal.Open(temp.Path, 1, "local", "SIMUSDT", "as")).Message);
    }

    [Fact]
    public async Task AnotherDatabaseIsNotTakenAsAJournalButAnEmptyFileIs()
    {
        using var temp = new TempJournal();
        using (var other = new SqliteConnection($"Data Source={temp.Path};Pooling=False"))
        {
            other.Open();
            using SqliteCommand create = other.CreateCommand();
            create.CommandText = "CREATE TABLE t(x INTEGER); INSERT INTO t VALUES(7);";
            create.ExecuteNonQuery();
        }

        InvalidParameterException error = Assert.Throws<InvalidParameterException>(() => TradingJournal.Open(temp.Path, 1, "local", "SIMUSDT", "as"));
        Assert.Equal($"invalid journal: {temp.Path} is not a trading journal (its tables are missing)", error.Message);
        Assert.Equal(error.Message, Assert.Throws<InvalidParameterException>(() => JournalReader.Load(temp.Path)).Message); // what mm journal says of it
        using (var other = new SqliteConnection($"Data Source={temp.Path};Mode=ReadOnly;Pooling=False"))
        {
            other.Open();
            using SqliteCommand tables = other.CreateCommand();
            tables.CommandText = "SELECT group_concat(name) FROM sqlite_master";
            Assert.Equal("t", tables.ExecuteScalar()); // untouched: no journal table added
        }

        string empty = Path.Combine(temp.Folder, "empty.db");
        File.WriteAllBytes(empty, []);
        await using (TradingJournal journal = TradingJournal.Open(empty, 1, "local", "SIMUSDT", "as"))
        {
            Assert.Equal(1, journal.Run);
        }

        Assert.Single(JournalReader.Load(empty).Runs);
    }

    [Fact]
    public async Task AJournalOfAnEarlierVersionIsReadAsItIsAndGetsTheRunsEndReasonWhenReused()
    {
        using var temp = new TempJournal();
        using (var old = new SqliteConnection($"Data Source={temp.Path};Pooling=False"))
        {
            // The tables before the runs' end reason (and the journal's owner) were kept, with a run that ended.
            old.Open();
            using SqliteCommand create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE runs(run INTEGER PRIMARY KEY, started_ns INTEGER NOT NULL, ended_ns INTEGER, venue TEXT NOT NULL, symbol TEXT NOT NULL, strategy TEXT NOT NULL, final_state TEXT);
                CREATE TABLE events(id INTEGER PRIMARY KEY, run INTEGER NOT NULL, local_ns INTEGER NOT NULL, exchange_ns INTEGER NOT NULL, kind TEXT NOT NULL, link_id TEXT, detail TEXT NOT NULL);
                CREATE TABLE orders(link_id TEXT PRIMARY KEY, run INTEGER NOT NULL, side TEXT NOT NULL, price TEXT NOT NULL, qty TEXT NOT NULL, reduce_only INTEGER NOT NULL, state TEXT NOT NULL, executed TEXT NOT NULL, exchange_order_id TEXT, created_ns INTEGER NOT NULL, updated_ns INTEGER NOT NULL, reason TEXT);
                CREATE TABLE fills(exec_id TEXT PRIMARY KEY, run INTEGER NOT NULL, link_id TEXT NOT NULL, side TEXT NOT NULL, price TEXT NOT NULL, qty TEXT NOT NULL, fee TEXT NOT NULL, is_maker INTEGER NOT NULL, exchange_ns INTEGER NOT NULL, local_ns INTEGER NOT NULL);
                INSERT INTO runs(started_ns, ended_ns, venue, symbol, strategy, final_state) VALUES(10, 20, 'local', 'SIMUSDT', 'as', '{}');
                """;
            create.ExecuteNonQuery();
        }

        JournalRun first = Assert.Single(JournalReader.Load(temp.Path).Runs);
        Assert.Equal((20L, "{}", (string?)null), (first.EndedAt, first.FinalState, first.EndReason));

        await using (TradingJournal journal = TradingJournal.Open(temp.Path, 30, "local", "SIMUSDT", "as", new VenueIdentity(false, "local", "http://127.0.0.1:8199/")))
        {
            journal.EndRun(40, null, "failed at start: the test");
            await journal.FlushAsync();
        }

        IReadOnlyList<JournalRun> runs = JournalReader.Load(temp.Path).Runs;
        Assert.Equal([null, "failed at start: the test"], runs.Select(r => r.EndReason));
    }

    [Fact]
    public async Task ACallbackThatThrowsStopsTheWriterAndNotTheProcess()
    {
        using var temp = new TempJournal();
        await using (TradingJournal journal = TradingJournal.Open(temp.Path, 1, "local", "SIMUSDT", "as"))
        {
            var broken = new FormatException("the callback failed"); // not a storage error: the writer's thread must still not take the process down
            journal.ReserveLinks("mm-abc", 100, _ => throw broken);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (journal.Failure is null && waited.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(5);
            }

            Assert.Same(broken, journal.Failure);
            Task flushed = journal.FlushAsync(); // a stopped journal takes nothing more and says so at once
            Assert.True(flushed.IsCompletedSuccessfully);
        }
    }
}
