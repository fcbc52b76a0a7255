using System.Globalization;
using MarketMaking.Research;
using MarketMaking.Research.Reports;
using MarketMaking.Research.Sweeps;
using Spectre.Console;

namespace MarketMaking.Cli.Output;

/// <summary>The folds of a walk-forward as a table, and the out-of-sample total.</summary>
internal static class WalkForwardTable
{
    public static void Write(Terminal terminal, List<WalkForwardFold> folds, string objective)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        ArgumentNullException.ThrowIfNull(folds);
        bool seconds = folds.Any(f => (f.TestEnd - f.TestStart) < Durations.Nanoseconds(TimeSpan.FromHours(1)));
        var table = new Table().Border(TableBorder.Rounded).Title($"walk-forward, {objective} (out of sample only counts)");
        table.AddColumn("fold").AddColumn("test window").AddColumn("best point (tuned on the window before)").AddColumn(new TableColumn("in sample").RightAligned()).AddColumn(new TableColumn("out of sample").RightAligned());
        foreach (WalkForwardFold f in folds)
        {
            table.AddRow(
                f.Index.ToString(CultureInfo.InvariantCulture),
                Markup.Escape($"{Time(f.TestStart, seconds)} → {Time(f.TestEnd, seconds)}"),
                Markup.Escape(f.Best.Key.Replace(';', ' ')),
                Formats.Fixed(f.InSample, 4),
                Formats.Fixed(f.OutOfSample, 4));
        }

        terminal.Console.Write(table);
        terminal.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"out of sample over {folds.Count} folds: total {folds.Sum(f => f.OutOfSample):F4}, mean {folds.Average(f => f.OutOfSample):F4} per fold"));
    }

    private static string Time(long nanos, bool seconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(nanos / 1_000_000).ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
