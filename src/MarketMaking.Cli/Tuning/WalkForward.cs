using System.Globalization;
using MarketMaking.Cli.Options;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using Spectre.Console;

namespace MarketMaking.Cli.Tuning;

/// <summary>
/// Walk-forward evaluation over any data with a time range: tune on each training window, then
/// score only the best point on the window that follows it; windows roll forward by the test
/// length. Only out-of-sample scores count in the total. One fold loop serves every source: a
/// source gives its time range and turns [from, to) into a window it can score on (bars: the bars
/// opening in it; L2 replay: the recording replayed from its start, traded only inside it).
/// </summary>
internal static class WalkForward
{
    public sealed record Fold(int Index, long TrainStart, long TestStart, long TestEnd, TunePoint Best, double InSample, double OutOfSample);

    /// <summary>Walk-forward over bars: a window is the bars that open in it (at least two).</summary>
    public static List<Fold> Run(Bar[] bars, TimeSpan train, TimeSpan test, IReadOnlyList<TunePoint> points, Func<Bar[], TunePoint, double> score)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Length == 0)
        {
            throw new InsufficientDataException("no bars to walk forward over");
        }

        return Run(bars[0].OpenTime, bars[^1].OpenTime, train, test, points, (from, to) => Slice(bars, from, to), score);
    }

    /// <summary>
    /// The fold loop. Folds tile the data's time range [<paramref name="first"/>, <paramref name="last"/>]
    /// (ns): fold k trains on [first + k·test, first + k·test + train) and tests on the test length
    /// after it, as long as that ends by the last time stamp. <paramref name="window"/> gives the
    /// data of [from, to), or null when it holds too little to score (the fold is skipped). Every
    /// point is scored on the training window in parallel; the best scores the test window.
    /// </summary>
    public static List<Fold> Run<TWindow>(long first, long last, TimeSpan train, TimeSpan test, IReadOnlyList<TunePoint> points, Func<long, long, TWindow?> window, Func<TWindow, TunePoint, double> score)
        where TWindow : class
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(score);
        long trainNanos = Durations.Nanoseconds(train), testNanos = Durations.Nanoseconds(test);
        var folds = new List<Fold>();
        for (long start = first; start + trainNanos + testNanos <= last + 1; start += testNanos)
        {
            long testStart = start + trainNanos, testEnd = testStart + testNanos;
            if (window(start, testStart) is not { } trainWindow || window(testStart, testEnd) is not { } testWindow)
            {
                continue;
            }

            var inSample = new double[points.Count];
            ParallelPoints.For(points.Count, Environment.ProcessorCount, i => inSample[i] = score(trainWindow, points[i]), CancellationToken.None);
            int best = Array.IndexOf(inSample, inSample.Max());
            folds.Add(new Fold(folds.Count, start, testStart, testEnd, points[best], inSample[best], score(testWindow, points[best])));
        }

        return folds.Count > 0
            ? folds
            : throw new InsufficientDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"the data spans {Span(last - first)}, less than one training window plus one test window ({Span(trainNanos)} + {Span(testNanos)})"));
    }

    public static void Write(Terminal terminal, List<Fold> folds, string objective)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        ArgumentNullException.ThrowIfNull(folds);
        bool seconds = folds.Any(f => (f.TestEnd - f.TestStart) < Durations.Nanoseconds(TimeSpan.FromHours(1)));
        var table = new Table().Border(TableBorder.Rounded).Title($"walk-forward, {objective} (out of sample only counts)");
        table.AddColumn("fold").AddColumn("test window").AddColumn("best point (tuned on the window before)").AddColumn(new TableColumn("in sample").RightAligned()).AddColumn(new TableColumn("out of sample").RightAligned());
        foreach (Fold f in folds)
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

    private static Bar[]? Slice(Bar[] bars, long from, long to)
    {
        Bar[] slice = [.. bars.Where(b => b.OpenTime >= from && b.OpenTime < to)];
        return slice.Length >= 2 ? slice : null;
    }

    private static string Span(long nanos) => TimeSpan.FromTicks(Math.Max(0, nanos) / TimeSpan.NanosecondsPerTick).ToString("g", CultureInfo.InvariantCulture);

    private static string Time(long nanos, bool seconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(nanos / 1_000_000).ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
