using System.Text.Json;
using MarketMaking.Cli;
using MarketMaking.Trading.Journal;

namespace MarketMaking.Trading.Tests.Journal;

/// <summary>Writing a journal run by hand, and reading what mm journal FILE pnl --json prints of it.</summary>
internal static class JournalRuns
{
    /// <summary>Writes one run of the journal (venue local, SIMUSDT, touch) starting at <paramref name="start"/>.</summary>
    public static async Task WriteAsync(string path, long start, Action<TradingJournal> write)
    {
        await using TradingJournal journal = TradingJournal.Open(path, start, "local", "SIMUSDT", "touch");
        write(journal);
        await journal.FlushAsync();
    }

    /// <summary>What mm journal <paramref name="path"/> pnl --json prints (it must exit 0).</summary>
    public static JsonDocument Pnl(string path)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.True(MmApplication.Run(["journal", path, "pnl", "--json"], output, error) == 0, error.ToString());
        return JsonDocument.Parse(output.ToString());
    }
}
