using MarketMaking.Cli;
using MarketMaking.Core.Orders;
using MarketMaking.Trading.Venues;
using static MarketMaking.Trading.Tests.Journal.JournalRuns;

namespace MarketMaking.Trading.Tests.Journal;

/// <summary>Reading a journal (mm journal FILE, pnl, report) writes nothing beside it.</summary>
public class JournalReadOnlyTests
{
    /// <summary>Each view left an empty journal.db-wal and journal.db-shm beside the journal (SQLite's WAL files, created by a read-only open).</summary>
    [Theory]
    [InlineData("summary")]
    [InlineData("pnl")]
    [InlineData("report")]
    public async Task AViewOfAClosedJournalLeavesOnlyTheJournalInItsFolder(string view)
    {
        using var temp = new TempJournal();
        await JournalRuns.WriteAsync(temp.Path, Start, journal =>
        {
            journal.Decision(Start + Second, Start + Second, 1, 100, 0, 99.5, 100.5);
            journal.Fill(new VenueExecution("e1", "a-1", "o1", Side.Buy, 99.5m, 1m, 0m, true, Start + (2 * Second)), Start + (2 * Second));
            journal.Decision(Start + (3 * Second), Start + (3 * Second), 3, 101, 1, 100.5, 101.5);
        });
        Assert.Equal(["journal.db"], Directory.GetFiles(temp.Folder).Select(Path.GetFileName));

        string html = Path.Combine(Directory.CreateTempSubdirectory("mm-journal-report-").FullName, "session.html");
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.True(MmApplication.Run(["journal", temp.Path, view, "--out", html], output, error) == 0, error.ToString());

        Assert.Equal(["journal.db"], Directory.GetFiles(temp.Folder).Select(Path.GetFileName));
        Directory.Delete(Path.GetDirectoryName(html)!, recursive: true);
    }
}
