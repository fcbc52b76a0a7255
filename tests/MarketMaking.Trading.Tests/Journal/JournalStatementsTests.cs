using MarketMaking.Core.Orders;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Venues;
using Microsoft.Data.Sqlite;

namespace MarketMaking.Trading.Tests.Journal;

/// <summary>The writer shares the process's collector with the order path: writing an entry must allocate nothing.</summary>
public class JournalStatementsTests
{
    [Fact]
    public async Task WritingEntriesOfEveryOrderPathKindAllocatesNothing()
    {
        using var temp = new TempJournal();
        await using (TradingJournal.Open(temp.Path, 1000, "local", "SIMUSDT", "as"))
        {
        }

        using SqliteConnection connection = JournalSchema.Open(temp.Path, SqliteOpenMode.ReadWrite);
        using var statements = new JournalStatements(connection, 1);
        JournalEntry[] entries =
        [
            new() { Kind = JournalEntryKind.Decision, LocalTime = 5, ExchangeTime = 4, Decision = new JournalDecision(12.5, 60000.15, -0.002, 60000.1, double.NaN) },
            new() { Kind = JournalEntryKind.Request, LocalTime = 6, LinkId = "mm-abc-0", Command = new OrderCommand(OrderCommandKind.Create, "mm-abc-0", Side.Buy, 60000.1m, 0.002m, true, false, false, 6) },
            new() { Kind = JournalEntryKind.OrderEvent, Name = "new", LocalTime = 7, LinkId = "mm-abc-0", Side = Side.Buy, Quantity = 0.002m, Price = 60000.1m, Text = "PendingNew" },
            new() { Kind = JournalEntryKind.Order, LinkId = "mm-abc-0", Side = Side.Buy, Price = 60000.1m, Quantity = 0.002m, Name = "New", Amount = 0m, ExchangeId = "x-1", Number = 6, LocalTime = 8 },
            new() { Kind = JournalEntryKind.Event, Name = "fill", LocalTime = 9, ExchangeTime = 8, LinkId = "mm-abc-0", Text = "Buy 0.001@60000.1" },
        ];

        WriteAll(statements, entries, 10); // the first writes grow SQLite's caches, and the JIT compiles
        long before = GC.GetAllocatedBytesForCurrentThread();
        WriteAll(statements, entries, 200);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        connection.Close();
        Assert.Equal(210, JournalReader.Events(temp.Path, "decision").Count);
        Assert.Equal("""{"t":12.5,"mid":60000.15,"q":-0.002,"bid":60000.1,"ask":null}""", JournalReader.Events(temp.Path, "decision")[0].Detail);
        Assert.Equal("create Buy 0.002@60000.1 post-only", JournalReader.Events(temp.Path, "request")[^1].Detail);
        Assert.Equal("Buy 0.002@60000.1 PendingNew", JournalReader.Events(temp.Path, "new")[^1].Detail);
    }

    private static void WriteAll(JournalStatements statements, JournalEntry[] entries, int times)
    {
        statements.Begin();
        for (int i = 0; i < times; i++)
        {
            foreach (JournalEntry entry in entries)
            {
                statements.Write(entry);
            }
        }

        statements.Commit();
    }
}
