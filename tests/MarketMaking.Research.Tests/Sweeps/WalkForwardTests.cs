using System.Globalization;
using System.IO.Compression;
using MarketMaking.Core.MarketData;
using MarketMaking.Data.Files;
using MarketMaking.Research.Backtests;
using MarketMaking.Research.Replay;
using MarketMaking.Research.Sweeps;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Tests.Sweeps;

public sealed class WalkForwardTests : IDisposable
{
    private const long Minute = 60_000_000_000;
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-walk-").FullName;

    [Fact]
    public void TunesOnEachWindowAndScoresTheNextOneOnly()
    {
        // Ten minutes of bars; train 4 min, test 2 min: folds test [4, 6) and [6, 8); [8, 10) would end past the data.
        Bar[] bars = [.. Enumerable.Range(0, 10).Select(i => new Bar(i * Minute, 100, 101, 99, 100, 1))];
        IReadOnlyList<SweepPoint> points = ParameterSpace.Grid(["spread_bps=1,2"]);
        var seen = new List<(long First, int Count, double Spread)>();

        // The score of a point on a window: its spread times the window's first minute (so the best point is known).
        List<WalkForwardFold> folds = WalkForward.Run(bars, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(2), points, (window, point) =>
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

    [Fact]
    public void TheFoldLoopTilesAnyTimeRangeAndSkipsWindowsWithoutData()
    {
        // Ten minutes; train 3, test 2: folds start at 0, 2 and 4 (4 + 5 ≤ 10; 6 + 5 > 10). The source
        // has nothing to score from minute 5, so the fold starting at 2 (testing [5, 7)) is skipped.
        IReadOnlyList<SweepPoint> points = ParameterSpace.Grid(["spread_bps=1,2,3"]);
        var windows = new List<(long From, long To)>();
        List<WalkForwardFold> folds = WalkForward.Run(0, 10 * Minute, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(2), points,
            (from, to) => from == 5 * Minute ? null : new Tuple<long, long>(from, to),
            (window, point) =>
            {
                lock (windows)
                {
                    windows.Add((window.Item1, window.Item2));
                }

                return -Math.Abs(point.Values[0].Value - 2) + (window.Item1 / Minute);   // spread 2 wins every window
            });

        Assert.Equal([0L, 4 * Minute], folds.Select(f => f.TrainStart));
        Assert.All(folds, f => Assert.Equal(f.TrainStart + (3 * Minute), f.TestStart));
        Assert.All(folds, f => Assert.Equal(f.TestStart + (2 * Minute), f.TestEnd));
        Assert.All(folds, f => Assert.Equal(2, f.Best.Values[0].Value));
        Assert.Equal([0.0, 4.0], folds.Select(f => f.InSample));
        Assert.Equal([3.0, 7.0], folds.Select(f => f.OutOfSample));

        // Three points on each training window, the best alone on each test window.
        Assert.Equal(3 + 1 + 3 + 1, windows.Count);
        Assert.Equal(3, windows.Count(w => w == (0L, 3 * Minute)));
        Assert.Equal(1, windows.Count(w => w == (3 * Minute, 5 * Minute)));
        Assert.Equal(1, windows.Count(w => w == (7 * Minute, 9 * Minute)));
    }

    [Fact]
    public void DataShorterThanOneTrainPlusTestWindowIsRefused()
    {
        Bar[] bars = [.. Enumerable.Range(0, 5).Select(i => new Bar(i * Minute, 100, 101, 99, 100, 1))];
        var e = Assert.Throws<MarketMaking.Core.Errors.InsufficientDataException>(() =>
            WalkForward.Run(bars, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(2), ParameterSpace.Grid(["spread_bps=1"]), (_, _) => 0));
        Assert.Equal("the data spans 4 m, less than one training window plus one test window (4 m + 2 m)", e.Message);
    }

    [SharedDataFact]
    public void ReplayFoldsTradeOnlyInsideTheirWindowAndTheTestScoreIsABacktestOfThatWindow()
    {
        // The replay set up as mm tune sets it up: defaults, a 60 s calibration window.
        ReplayEvents events = ReplayEvents.Load(SharedData.BinanceUsdm, "binance-usdm", new MarketDataOptions());
        ReplaySession session = ReplaySession.Open(new ReplaySetup(), () => events.Source());
        var sweep = new ReplaySweep(events, session, session.Baseline(null, null, null, 60), s => StrategyCatalog.Create("fixed", s), 0);
        IReadOnlyList<SweepPoint> points = ParameterSpace.Grid(["spread_bps=2,5,10", "max_inventory=5,20"]);

        // Hand count: the events span Last − First; the first 60 s are not traded; fold k covers
        // [Start + k·60 s, Start + k·60 s + 180 s) and must end by the last event.
        Assert.Equal(events.First + (1 * Minute), sweep.Start);
        double tradable = (sweep.End - sweep.Start) / 1e9;
        Assert.InRange(tradable, 284, 285);
        int expected = (int)Math.Floor((tradable - 180) / 60) + 1;
        Assert.Equal(2, expected);
        Assert.NotNull(sweep.Slice(sweep.Start, sweep.End + 1));
        Assert.Null(sweep.Slice(sweep.End + 1, sweep.End + Minute)); // after the last message: nothing to trade

        var scored = new List<(ReplaySweep.Window Window, string Key, double Pnl)>();
        List<WalkForwardFold> folds = WalkForward.Run(sweep.Start, sweep.End, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1), points, sweep.Slice, (window, point) =>
        {
            double pnl = sweep.Evaluate(point, window).Pnl;
            lock (scored)
            {
                scored.Add((window, point.Key, pnl));
            }

            return pnl;
        });

        Assert.Equal(expected, folds.Count);
        for (int k = 0; k < folds.Count; k++)
        {
            WalkForwardFold f = folds[k];
            Assert.Equal(sweep.Start + (k * Minute), f.TrainStart);
            Assert.Equal(f.TrainStart + (2 * Minute), f.TestStart);    // each test window starts where its training window ends
            Assert.Equal(f.TestStart + Minute, f.TestEnd);

            // Every point was scored on [TrainStart, TestStart); the best of them alone on [TestStart, TestEnd).
            var train = scored.Where(s => s.Window == new ReplaySweep.Window(f.TrainStart, f.TestStart)).ToList();
            Assert.Equal(points.Count, train.Count);
            Assert.Equal(train.Max(s => s.Pnl), f.InSample);
            Assert.Equal((f.Best.Key, f.OutOfSample), scored.Single(s => s.Window == new ReplaySweep.Window(f.TestStart, f.TestEnd)) is var t ? (t.Key, t.Pnl) : default);
        }

        // A test score is what a backtest (mm backtest's) reports on the recording cut at the window's end,
        // calibrating until the window's start: the book it starts from is the one rebuilt from the file's start.
        WalkForwardFold last = folds[^1];
        string cut = Path.Combine(_folder, "cut.gz");
        using (var writer = new StreamWriter(new GZipStream(File.Create(cut), CompressionLevel.Fastest)))
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(SharedData.BinanceUsdm), CompressionMode.Decompress));
            while (reader.ReadLine() is { } line && long.Parse(line.AsSpan(0, line.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture) < last.TestEnd)
            {
                writer.WriteLine(line);
            }
        }

        var backtest = ReplayBacktest.Open(cut, "binance-usdm", new ReplaySetup { CalibrationWindow = TimeSpan.FromTicks((last.TestStart - events.First) / TimeSpan.NanosecondsPerTick) });
        StrategySettings best = backtest.Baseline() with { SpreadBps = last.Best.Values[0].Value, MaxInventory = (int)last.Best.Values[1].Value };
        Assert.Equal(backtest.Run(StrategyCatalog.Create("fixed", best)).Metrics.NetPnl, last.OutOfSample);

        // And trading inside the window differs from trading the whole recording: the window matters.
        Assert.NotEqual(sweep.Evaluate(last.Best).Pnl, last.OutOfSample);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
