using System.Text.Json;
using MarketMaking.Cli;
using MarketMaking.Core.Orders;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Venues;

namespace MarketMaking.Trading.Tests.Journal;

/// <summary>Writing a journal run by hand, and reading what mm journal FILE pnl --json prints of it.</summary>
internal static class JournalRuns
{
    /// <summary>A second in the journal's nanoseconds.</summary>
    public const long Second = 1_000_000_000;

    /// <summary>The hand-written runs' start (November 2023).</summary>
    public const long Start = 1_700_000_000 * Second;

    /// <summary>Writes one run of the journal (venue local, SIMUSDT, touch) starting at <paramref name="start"/>.</summary>
    public static async Task WriteAsync(string path, long start, Action<TradingJournal> write)
    {
        await using TradingJournal journal = TradingJournal.Open(path, start, "local", "SIMUSDT", "touch");
        write(journal);
        await journal.FlushAsync();
    }

    /// <summary>What mm journal <paramref name="path"/> pnl --json prints (it must exit 0).</summary>
    public static JsonDocument Pnl(string path) => JsonDocument.Parse(Print("journal", path, "pnl", "--json"));

    /// <summary>What mm prints for <paramref name="args"/> (it must exit 0).</summary>
    public static string Print(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.True(MmApplication.Run(args, output, error) == 0, error.ToString());
        return output.ToString();
    }

    /// <summary>
    /// One run from <paramref name="start"/> (s: seconds after it): a decision at mid 98 (0.2 s), 2 adopted
    /// without a price (0.5 s: a session that never priced it, or a journal older than the price), a decision
    /// at mid 100 (1 s), a sell of 1 at 101 with fee 0.01 (2 s), a decision at mid 102 (3 s).
    /// </summary>
    public static void AdoptTwoWithoutAPriceBetweenMids98And100(TradingJournal journal, long start)
    {
        const long second = 1_000_000_000;
        journal.Decision(start + (second / 5), start + (second / 5), 0.2, 98, 0, 97.5, 98.5);
        journal.Adoption(start + (second / 2), 2m);
        journal.Decision(start + second, start + second, 1, 100, 2, 99.5, 100.5);
        journal.Fill(new VenueExecution("e1", "a-1", "o1", Side.Sell, 101m, 1m, 0.01m, true, start + (2 * second)), start + (2 * second));
        journal.Decision(start + (3 * second), start + (3 * second), 3, 102, 1, 101.5, 102.5);
    }

    /// <summary>
    /// One run from <paramref name="start"/> that never decided (no mid in the journal): a buy of 1 at 99 with
    /// fee 0.01 (0.5 s), 3 adopted without a price (0.6 s), sells of 1 at 101 (2 s) and 1 at 103 (3 s), fee 0.01 each.
    /// </summary>
    public static void AdoptThreeWithoutAPriceAndNoMid(TradingJournal journal, long start)
    {
        const long second = 1_000_000_000;
        journal.Fill(new VenueExecution("e0", "a-0", "o0", Side.Buy, 99m, 1m, 0.01m, true, start + (second / 2)), start + (second / 2));
        journal.Adoption(start + (second * 6 / 10), 3m);
        journal.Fill(new VenueExecution("e1", "a-1", "o1", Side.Sell, 101m, 1m, 0.01m, true, start + (2 * second)), start + (2 * second));
        journal.Fill(new VenueExecution("e2", "a-2", "o2", Side.Sell, 103m, 1m, 0.01m, true, start + (3 * second)), start + (3 * second));
    }
}
