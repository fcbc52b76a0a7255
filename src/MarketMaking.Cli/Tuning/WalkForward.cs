using System.Globalization;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using Spectre.Console;

namespace MarketMaking.Cli.Tuning;

/// <summary>
/// Walk-forward evaluation over bars: tune on each training window, then score only the best point
/// on the window that follows it; windows roll forward by the test length. Only out-of-sample
/// scores count in the total.
/// </summary>
internal static class WalkForward
{
    public sealed record Fold(int Index, long TrainStart, long TestStart, long TestEnd, TunePoint Best, double InSample, double OutOfSample);

    public static List<Fold> Run(Bar[] bars, TimeSpan train, TimeSpan test, IReadOnlyList<TunePoint> points, Func<Bar[], TunePoint, double> score)
    {
        ArgumentNullException.ThrowIfNull(bars);
        long trainNanos = train.Ticks * TimeSpan.NanosecondsPerTick, testNanos = test.Ticks * TimeSpan.NanosecondsPerTick;
        var folds = new List<Fold>();
        for (long start = bars[0].OpenTime; start + trainNanos + testNanos <= bars[^1].OpenTime + 1; start += testNanos)
        {
            Bar[] trainBars = Slice(bars, start, start + trainNanos), testBars = Slice(bars, start + trainNanos, start + trainNanos + testNanos);
            if (trainBars.Length < 2 || testBars.Length < 2)
            {
                continue;
            }

            var inSample = new double[points.Count];
            Parallel.For(0, points.Count, i => inSample[i] = score(trainBars, points[i]));
            int best = Array.IndexOf(inSample, inSample.Max());
            folds.Add(new Fold(folds.Count, start, start + trainNanos, start + trainNanos + testNanos, points[best], inSample[best], score(testBars, points[best])));
        }

        return folds.Count > 0
            ? folds
            : throw new InsufficientDataException($"the data spans less than one training window plus one test window ({train} + {test})");
    }

    public static void Write(Terminal terminal, List<Fold> folds, string objective)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"walk-forward, {objective} (out of sample only counts)");
        table.AddColumn("fold").AddColumn("test window").AddColumn("best point (tuned on the window before)").AddColumn(new TableColumn("in sample").RightAligned()).AddColumn(new TableColumn("out of sample").RightAligned());
        foreach (Fold f in folds)
        {
            table.AddRow(
                f.Index.ToString(CultureInfo.InvariantCulture),
                Markup.Escape($"{Day(f.TestStart)} → {Day(f.TestEnd)}"),
                Markup.Escape(f.Best.Key.Replace(';', ' ')),
                Formats.Fixed(f.InSample, 4),
                Formats.Fixed(f.OutOfSample, 4));
        }

        terminal.Console.Write(table);
        terminal.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"out of sample over {folds.Count} folds: total {folds.Sum(f => f.OutOfSample):F4}, mean {folds.Average(f => f.OutOfSample):F4} per fold"));
    }

    private static Bar[] Slice(Bar[] bars, long from, long to) => [.. bars.Where(b => b.OpenTime >= from && b.OpenTime < to)];

    private static string Day(long nanos) => DateTimeOffset.FromUnixTimeMilliseconds(nanos / 1_000_000).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
