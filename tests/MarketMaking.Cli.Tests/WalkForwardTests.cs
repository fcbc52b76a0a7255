using MarketMaking.Cli.Tuning;
using MarketMaking.Core.MarketData;

namespace MarketMaking.Cli.Tests;

public class WalkForwardTests
{
    private const long Minute = 60_000_000_000;

    [Fact]
    public void TunesOnEachWindowAndScoresTheNextOneOnly()
    {
        // Ten minutes of bars; train 4 min, test 2 min: folds test [4, 6) and [6, 8); [8, 10) would end past the data.
        Bar[] bars = [.. Enumerable.Range(0, 10).Select(i => new Bar(i * Minute, 100, 101, 99, 100, 1))];
        IReadOnlyList<TunePoint> points = ParameterSpace.Grid(["spread_bps=1,2"]);
        var seen = new List<(long First, int Count, double Spread)>();

        // The score of a point on a window: its spread times the window's first minute (so the best point is known).
        List<WalkForward.Fold> folds = WalkForward.Run(bars, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(2), points, (window, point) =>
        {
            lock (seen)
            {
                seen.Add((window[0].OpenTime / Minute, window.Length, point.Values[0].Value));
            }

            return point.Values[0].Value * ((window[0].OpenTime / Minute) - 3);
        });

        // Fold 0 tunes on [0, 4): spread 1 scores −3, spread 2 scores −6, so 1 wins; on [4, 6) it scores 1·(4 − 3) = 1.
        // Fold 1 tunes on [2, 6) (1 wins again) and scores 1·(6 − 3) = 3 on [6, 8).
        Assert.Equal(2, folds.Count);
        Assert.Equal(4 * Minute, folds[0].TestStart);
        Assert.Equal(1, folds[0].Best.Values[0].Value);
        Assert.Equal(-3, folds[0].InSample);
        Assert.Equal(1, folds[0].OutOfSample);
        Assert.Equal(6 * Minute, folds[1].TestStart);
        Assert.Equal(3, folds[1].OutOfSample);
        Assert.Contains((0L, 4, 1.0), seen);
        Assert.Contains((4L, 2, 1.0), seen);
    }
}
