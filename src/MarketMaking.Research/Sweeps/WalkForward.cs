using System.Globalization;
using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;

namespace MarketMaking.Research.Sweeps;

/// <summary>
/// Walk-forward evaluation over any data with a time range: tune on each training window, then
/// score only the best point on the window that follows it; windows roll forward by the test
/// length. Only out-of-sample scores count in the total. One fold loop serves every source: a
/// source gives its time range and turns [from, to) into a window it can score on (bars: the bars
/// opening in it; L2 replay: the recording replayed from its start, traded only inside it).
/// </summary>
public static class WalkForward
{
    /// <summary>Walk-forward of a bar sweep: each window is the bars that open in it, each point scored by <paramref name="objective"/>.</summary>
    public static List<WalkForwardFold> Run(BarSweep sweep, TimeSpan train, TimeSpan test, IReadOnlyList<SweepPoint> points, SweepObjective objective)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(objective);
        Sweep.Check(sweep, points);
        return Run([.. sweep.Bars], train, test, points, (window, point) => objective.Score(sweep.Window(window).Evaluate(point)));
    }

    /// <summary>Walk-forward of a replay sweep over the data after its calibration window, each point scored by <paramref name="objective"/>.</summary>
    public static List<WalkForwardFold> Run(ReplaySweep sweep, TimeSpan train, TimeSpan test, IReadOnlyList<SweepPoint> points, SweepObjective objective)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(objective);
        Sweep.Check(sweep, points);
        return Run(sweep.Start, sweep.End, train, test, points, sweep.Slice, (window, point) => objective.Score(sweep.Evaluate(point, window)));
    }

    /// <summary>Walk-forward over bars: a window is the bars that open in it (at least two).</summary>
    /// <exception cref="InsufficientDataException">There are no bars, or too few for one training window plus one test window.</exception>
    public static List<WalkForwardFold> Run(Bar[] bars, TimeSpan train, TimeSpan test, IReadOnlyList<SweepPoint> points, Func<Bar[], SweepPoint, double> score)
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
    /// <exception cref="InsufficientDataException">The data spans less than one training window plus one test window.</exception>
    public static List<WalkForwardFold> Run<TWindow>(long first, long last, TimeSpan train, TimeSpan test, IReadOnlyList<SweepPoint> points, Func<long, long, TWindow?> window, Func<TWindow, SweepPoint, double> score)
        where TWindow : class
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(score);
        long trainNanos = Durations.Nanoseconds(train), testNanos = Durations.Nanoseconds(test);
        var folds = new List<WalkForwardFold>();
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
            folds.Add(new WalkForwardFold(folds.Count, start, testStart, testEnd, points[best], inSample[best], score(testWindow, points[best])));
        }

        return folds.Count > 0
            ? folds
            : throw new InsufficientDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"the data spans {Span(last - first)}, less than one training window plus one test window ({Span(trainNanos)} + {Span(testNanos)})"));
    }

    private static Bar[]? Slice(Bar[] bars, long from, long to)
    {
        Bar[] slice = [.. bars.Where(b => b.OpenTime >= from && b.OpenTime < to)];
        return slice.Length >= 2 ? slice : null;
    }

    private static string Span(long nanos) => TimeText.Duration(TimeSpan.FromTicks(Math.Max(0, nanos) / TimeSpan.NanosecondsPerTick));
}
