using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Orders;
using MarketMaking.Trading.Venues;

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
            journal.EndRun(1400, "{}");
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
        Assert.Equal((1000L, 1400L, "local", "SIMUSDT", "as", "{}"), (run.StartedAt, run.EndedAt, run.Venue, run.Symbol, run.Strategy, run.FinalState));
        Assert.Equal(["mm-abc-0"], state.OpenOrders.Select(o => o.LinkId));
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
        TradingException error = Assert.Throws<TradingException>(() => JournalReader.Load(temp.Path));
        Assert.StartsWith($"{temp.Path}: not a trading journal", error.Message, StringComparison.Ordinal);
        Assert.Contains("no such journal", Assert.Throws<TradingException>(() => JournalReader.Load(temp.Path + ".missing")).Message, StringComparison.Ordinal);
        Assert.Throws<OutputException>(() => TradingJournal.Open(temp.Path, 1, "local", "SIMUSDT", "as"));
    }
}
