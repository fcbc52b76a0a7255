using System.Globalization;
using MarketMaking.Core.Errors;
using MarketMaking.Research.Sweeps;

namespace MarketMaking.Research.Tests.Sweeps;

public sealed class SweepTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-sweep-").FullName;

    /// <summary>A market whose scores are known: PnL = 10 − (spread − 4)², drawdown = spread, and it counts its calls.</summary>
    private sealed class Parabola : ISweepMarket
    {
        private int _calls;

        public int Calls => _calls;

        public bool RunsPointsInParallel => true;

        public SweepResult Evaluate(SweepPoint point)
        {
            Interlocked.Increment(ref _calls);
            double spread = point.Values[0].Value;
            return new SweepResult(point, double.NaN, 10 - ((spread - 4) * (spread - 4)), spread / 10, double.NaN, spread, 1, 0);
        }

        public void Check(SweepPoint point) => InvalidParameterException.RequireNonNegative("spread_bps", point.Values[0].Value);
    }

    private static IReadOnlyList<SweepPoint> Points() => ParameterSpace.Grid(["spread_bps=1,2,3,4,5,6"]);

    /// <summary>update_freq on the model market is the time between decisions, as in mm simulate: the sweep ignored it, every point alike.</summary>
    [Fact]
    public void AModelSweepPointDecidesEveryUpdateFreqAsTheEngineDoes()
    {
        var market = new Simulation.Model.ModelMarketParameters();
        var settings = new Simulation.MonteCarlo.MonteCarloSettings { Trajectories = 256, Seed = 3 };
        var baseline = new Strategies.StrategySettings { Sigma = market.Sigma, A = market.A, Kappa = market.Kappa, Horizon = market.Horizon, TimeStep = market.TimeStep };
        var sweep = new ModelSweep(market, baseline, s => Strategies.StrategyCatalog.Create("as", s), settings);
        IReadOnlyList<SweepPoint> points = ParameterSpace.Grid(["update_freq=0,0.05"]);

        double[] swept = [.. points.Select(p => sweep.Evaluate(p).Pnl)];
        double[] direct = [.. new[] { 0, 0.05 }.Select(interval => new Simulation.MonteCarlo.MonteCarloEngine(market, settings with { DecisionInterval = interval })
            .Run(Strategies.StrategyCatalog.Create("as", baseline)).Summarize(baseline.Gamma).ProfitMean)];
        Assert.Equal(direct, swept);
        Assert.NotEqual(swept[0], swept[1]);
    }

    [Fact]
    public void RunScoresEveryPointWithTheObjectiveInThePointsOrder()
    {
        IReadOnlyList<SweepResult> results = Sweep.Run(new Parabola(), Points(), SweepObjective.Pnl);
        Assert.Equal([1.0, 6, 9, 10, 9, 6], results.Select(r => r.Objective));
        Assert.Equal([0, 1, 2, 3, 4, 5], results.Select(r => r.Point.Index));

        // pnl-dd: the PnL where the drawdown (here the spread) is within 3, −∞ beyond.
        IReadOnlyList<SweepResult> limited = Sweep.Run(new Parabola(), Points(), SweepObjective.PnlWithinDrawdown(3));
        Assert.Equal([1.0, 6, 9, double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity], limited.Select(r => r.Objective));
        Assert.Equal([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], Sweep.Run(new Parabola(), Points(), SweepObjective.Sharpe).Select(r => Math.Round(r.Objective, 12)));
    }

    [Fact]
    public void ResultsAreAppendedAndARerunSkipsThemAndProgressSeesEachPoint()
    {
        string path = Path.Combine(_folder, "r.csv");
        IReadOnlyList<SweepPoint> points = Points();
        string header = SweepResultsFile.Header(Sweep.ParameterNames(points));
        Assert.Equal("index,key,spread_bps,objective,pnl,sharpe,utility,max_drawdown,fills,mean_abs_q", header);

        var market = new Parabola();
        var seen = new List<int>();
        using (SweepResultsFile file = SweepResultsFile.Open(path, header))
        {
            Sweep.Run(market, Sweep.Pending(points, path), SweepObjective.Pnl, file, new InlineProgress<SweepResult>(r =>
            {
                lock (seen)
                {
                    seen.Add(r.Point.Index);
                }
            }));
        }

        Assert.Equal(6, market.Calls);
        Assert.Equal([0, 1, 2, 3, 4, 5], seen.Order());
        Assert.Equal(7, File.ReadAllLines(path).Length);
        Assert.Contains("3,spread_bps=4,4,10,10,0.4,NaN,4,1,0", File.ReadAllLines(path));
        Assert.Empty(Sweep.Pending(points, path));

        // A line cut short when a run was stopped runs again. The points run in parallel, so the file is in the
        // order they finished: point 5's whole line is taken out wherever it stands.
        File.WriteAllLines(path, File.ReadAllLines(path).Where(l => !l.StartsWith("5,", StringComparison.Ordinal)).Append("5,spread_bps=6,6,6"));
        Assert.Equal([5], Sweep.Pending(points, path).Select(p => p.Index));
    }

    [Fact]
    public void ALastLineTornByACrashIsDroppedAndItsPointRunsAgain()
    {
        string path = Path.Combine(_folder, "torn.csv");
        IReadOnlyList<SweepPoint> points = Points();
        string header = SweepResultsFile.Header(Sweep.ParameterNames(points));
        using (SweepResultsFile file = SweepResultsFile.Open(path, header))
        {
            Sweep.Run(new Parabola(), points, SweepObjective.Pnl, file);
        }

        // The crash cut point 5's line inside its last number: as many cells as a whole line, no line end.
        string[] whole = File.ReadAllLines(path);
        string last = whole.Single(l => l.StartsWith("5,", StringComparison.Ordinal));
        Assert.Equal("5,spread_bps=6,6,6,6,0.6,NaN,6,1,0", last);
        File.WriteAllText(path, string.Join('\n', whole.Where(l => l != last)) + "\n" + last[..^1]);

        Assert.Equal([5], Sweep.Pending(points, path).Select(p => p.Index));
        var market = new Parabola();
        using (SweepResultsFile file = SweepResultsFile.Open(path, header))
        {
            Assert.Equal("5,spread_bps=6,6,6,6,0.6,NaN,6,1,", file.DroppedLine);
            Sweep.Run(market, Sweep.Pending(points, path), SweepObjective.Pnl, file);
        }

        // The point ran once more and its row stands on a line of its own, whole.
        Assert.Equal(1, market.Calls);
        Assert.Equal(whole.Order(), File.ReadAllLines(path).Order());
        using (SweepResultsFile file = SweepResultsFile.Open(path, header))
        {
            Assert.Null(file.DroppedLine);
        }
    }

    [Fact]
    public void EveryPointIsCheckedBeforeAnyRuns()
    {
        var market = new Parabola();
        IReadOnlyList<SweepPoint> points = ParameterSpace.Grid(["spread_bps=1,2,-3"]);
        var e = Assert.Throws<InvalidParameterException>(() => Sweep.Run(market, points, SweepObjective.Pnl));
        Assert.Equal("invalid grid: point spread_bps=-3: spread_bps must be zero or positive, got -3", e.Message);
        Assert.Equal(0, market.Calls);
    }

    [Fact]
    public void ShardsSplitThePointsAndMergeIntoTheWholeSweep()
    {
        IReadOnlyList<SweepPoint> points = Points();
        string header = SweepResultsFile.Header(Sweep.ParameterNames(points));
        string whole = Path.Combine(_folder, "whole.csv"), merged = Path.Combine(_folder, "merged.csv");
        string[] shards = [Path.Combine(_folder, "a.csv"), Path.Combine(_folder, "b.csv"), Path.Combine(_folder, "c.csv")];
        Run(whole, Sweep.Pending(points, whole));
        var indices = new List<int>();
        for (int i = 0; i < 3; i++)
        {
            IReadOnlyList<SweepPoint> mine = Sweep.Pending(points, shards[i], i, 3);
            Assert.All(mine, p => Assert.Equal(i, p.Index % 3));
            indices.AddRange(mine.Select(p => p.Index));
            Run(shards[i], mine);
        }

        Assert.Equal([0, 1, 2, 3, 4, 5], indices.Order());   // the shards cover every point once
        Assert.Equal(6, SweepResultsFile.Merge(shards, merged));
        Assert.Equal(File.ReadAllLines(whole).Order(), File.ReadAllLines(merged).Order());
        Assert.Equal([0, 1, 2, 3, 4, 5], File.ReadAllLines(merged).Skip(1).Select(l => int.Parse(l.Split(',')[0], CultureInfo.InvariantCulture)));   // by index

        void Run(string path, IReadOnlyList<SweepPoint> todo)
        {
            using SweepResultsFile file = SweepResultsFile.Open(path, header);
            Sweep.Run(new Parabola(), todo, SweepObjective.Pnl, file);
        }
    }

    [Fact]
    public void TheRankedSweepPutsTheBestFirstAndWritesItAsAConfig()
    {
        string path = Path.Combine(_folder, "r.csv");
        IReadOnlyList<SweepPoint> points = ParameterSpace.Grid(["spread_bps=1,4,6", "max_inventory=5,20"]);
        using (SweepResultsFile file = SweepResultsFile.Open(path, SweepResultsFile.Header(Sweep.ParameterNames(points))))
        {
            Sweep.Run(new Parabola(), points, SweepObjective.Pnl, file);
        }

        RankedSweep ranked = RankedSweep.Read(path, ["spread_bps", "max_inventory"]);
        double[] objectives = [.. ranked.Rows.Select(r => double.Parse(r[ranked.ObjectiveColumn], CultureInfo.InvariantCulture))];
        Assert.Equal([10.0, 10, 6, 6, 1, 1], objectives);
        Assert.Equal(["4", "4"], ranked.Rows.Take(2).Select(r => r[2]));

        using var config = new StringWriter();
        ranked.WriteBestConfig(config, "fixed", "pnl");
        Assert.Equal(
            $"# best point of mm tune: pnl = 10{Environment.NewLine}strategy:{Environment.NewLine}  name: fixed{Environment.NewLine}  spread_bps: 4{Environment.NewLine}  max_inventory: {ranked.Rows[0][3]}{Environment.NewLine}",
            config.ToString());

        // The heatmap has one cell per (spread, max inventory) pair: 3 × 2.
        var heatmap = Assert.IsType<MarketMaking.Reporting.HeatmapBlock>(ranked.Report("fixed spread", "pnl").Sections[0].Blocks[1]);
        Assert.Equal(3, heatmap.Values.Count);
        Assert.All(heatmap.Values, row => Assert.Equal(2, row.Count));
    }

    [Fact]
    public void AResultsFileOfAnotherSweepIsRefused()
    {
        string path = Path.Combine(_folder, "other.csv");
        File.WriteAllLines(path, ["index,key,gamma,objective,pnl,sharpe,utility,max_drawdown,fills,mean_abs_q"]);
        var e = Assert.Throws<DataFormatException>(() => Sweep.Pending(Points(), path));
        Assert.Equal(1, e.Line);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
