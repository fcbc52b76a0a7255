using System.Text.Json;
using MarketMaking.Core.Orders;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Venues;
using static MarketMaking.Trading.Tests.Journal.JournalRuns;

namespace MarketMaking.Trading.Tests.Journal;

/// <summary>The mid the journal marks its position at (mm journal … pnl): the one the session ended at, where it recorded one.</summary>
public class JournalMarkTests
{
    /// <summary>
    /// Run 1 buys 2 at 100 (fee 0.02) between decisions at mids 100 and 101, and ends with the mark
    /// 101.5 in its final state (the book moved after its last decision): PnL −200.02 + 2 × 101.5 = 2.98,
    /// not the 1.98 of the last decision's mid. Run 2 then crashes after a decision at 99: that mid is
    /// the later one, PnL −200.02 + 2 × 99 = −2.02.
    /// </summary>
    [Fact]
    public async Task TheMarkIsTheLastMidSeenTheFinalStatesWhenTheRunEndedAfterItsLastDecision()
    {
        using var temp = new TempJournal();
        await JournalRuns.WriteAsync(temp.Path, Start, journal => journal.Fill(new VenueExecution("e0", "a-0", "o0", Side.Buy, 100m, 2m, 0.02m, true, Start + Second), Start + Second));
        Assert.Equal(100m, JournalReader.LastMark(temp.Path)); // no mid seen: the last execution's price

        await JournalRuns.WriteAsync(temp.Path, Start + (10 * Second), journal =>
        {
            journal.Decision(Start + (11 * Second), Start + (11 * Second), 1, 100, 0, 99.5, 100.5);
            journal.Decision(Start + (12 * Second), Start + (12 * Second), 2, 101, 2, 100.5, 101.5);
            journal.EndRun(Start + (13 * Second), """{"orders_open_at_end":0,"position":2,"cash":-200.02,"mark":101.5}""", "duration reached");
        });
        Assert.Equal(101.5m, JournalReader.LastMark(temp.Path));
        Assert.Equal((101.5m, 2.98m), Pnl(temp.Path));

        await JournalRuns.WriteAsync(temp.Path, Start + (20 * Second), journal => journal.Decision(Start + (21 * Second), Start + (21 * Second), 1, 99, 2, 98.5, 99.5));
        Assert.Equal((99m, -2.02m), Pnl(temp.Path));
    }

    /// <summary>The mark and PnL mm journal FILE pnl --json prints.</summary>
    private static (decimal? Mark, decimal? Pnl) Pnl(string path)
    {
        using JsonDocument printed = JournalRuns.Pnl(path);
        return (printed.RootElement.GetProperty("mark").GetDecimal(), printed.RootElement.GetProperty("pnl").GetDecimal());
    }
}
