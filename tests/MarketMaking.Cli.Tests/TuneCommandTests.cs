namespace MarketMaking.Cli.Tests;

public sealed class TuneCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-tune-").FullName;

    private static string[] Sweep(string results, params string[] extra) =>
        ["tune", "--market", "model", "--strategy", "glft", "--grid", "gamma=0.05,0.1,0.5", "--grid", "max_inventory=2,5", "--sims", "200", "--results", results, .. extra];

    [Fact]
    public void RunsTheGridRanksItResumesAndWritesTheBestPoint()
    {
        string results = Path.Combine(_folder, "r.csv"), best = Path.Combine(_folder, "best.yaml");
        var (code, output, error) = Mm.Run(Sweep(results, "--best-config", best));
        Assert.Equal(0, code);
        Assert.Empty(error);
        string[] lines = File.ReadAllLines(results);
        Assert.Equal("index,key,gamma,max_inventory,objective,pnl,sharpe,utility,max_drawdown,fills,mean_abs_q", lines[0]);
        Assert.Equal(7, lines.Length);   // 3 × 2 points
        string report = File.ReadAllText(Path.ChangeExtension(results, ".html"));
        Assert.Contains("<table class=\"heatmap\">", report, StringComparison.Ordinal);
        Assert.Equal(6, report.Split("style=\"background:rgb(").Length - 1);   // one coloured cell per point

        // The best point's objective is the largest in the file, and it is what the config says.
        double[] objectives = [.. lines.Skip(1).Select(l => double.Parse(l.Split(',')[4], System.Globalization.CultureInfo.InvariantCulture))];
        string[] winner = lines.Skip(1).Select(l => l.Split(',')).MaxBy(c => double.Parse(c[4], System.Globalization.CultureInfo.InvariantCulture))!;
        string config = File.ReadAllText(best);
        Assert.Contains($"gamma: {winner[2]}", config, StringComparison.Ordinal);
        Assert.Contains($"max_inventory: {winner[3]}", config, StringComparison.Ordinal);
        Assert.Contains($"{objectives.Max().ToString("R", System.Globalization.CultureInfo.InvariantCulture)}", config, StringComparison.Ordinal);

        // A rerun finds every point done.
        (code, output, _) = Mm.Run(Sweep(results));
        Assert.Equal(0, code);
        Assert.Contains("0 points run", output, StringComparison.Ordinal);
        Assert.Equal(7, File.ReadAllLines(results).Length);
    }

    [Fact]
    public void ShardsMergeIntoTheWholeSweep()
    {
        string whole = Path.Combine(_folder, "whole.csv"), a = Path.Combine(_folder, "a.csv"), b = Path.Combine(_folder, "b.csv"), merged = Path.Combine(_folder, "merged.csv");
        Assert.Equal(0, Mm.Run(Sweep(whole)).Code);
        Assert.Equal(0, Mm.Run(Sweep(a, "--shard", "0/2")).Code);
        Assert.Equal(0, Mm.Run(Sweep(b, "--shard", "1/2")).Code);
        Assert.Equal(4, File.ReadAllLines(a).Length);   // indices 0, 2, 4
        var (code, _, error) = Mm.Run("tune", "merge", a, b, "--out", merged);
        Assert.Equal(0, code);
        Assert.Empty(error);

        // Same seed for every point: the shards reproduce the whole sweep's numbers exactly.
        Assert.Equal(File.ReadAllLines(whole).Order(), File.ReadAllLines(merged).Order());
    }

    [Theory]
    [InlineData(new[] { "tune", "--grid", "gama=1,2" }, "unknown parameter 'gama'")]
    [InlineData(new[] { "tune", "--grid", "gamma=1,x" }, "'x' is not a number")]
    [InlineData(new[] { "tune", "--grid", "gamma=1", "--shard", "2/2" }, "shard")]
    [InlineData(new[] { "tune", "--market", "bars", "--grid", "gamma=1" }, "--data")]
    [InlineData(new[] { "tune", "--grid", "gamma=1", "--objective", "pnl-dd" }, "--max-drawdown")]
    public void MistakesAreOneLine(string[] args, string expected)
    {
        var (code, _, error) = Mm.Run([.. args, "--results", Path.Combine(_folder, "x.csv")]);
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void SweepsBarsFromRealData()
    {
        string results = Path.Combine(_folder, "bars.csv");
        var (code, _, error) = Mm.Run("tune", "--market", "bars", "--data", SharedData.Klines,
            "--strategy", "fixed", "--grid", "spread_bps=10,30", "--grid", "max_inventory=5,20", "--results", results);
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Equal(5, File.ReadAllLines(results).Length);
    }

    [SharedDataFact]
    public void WalkForwardScoresEachDayOnParametersTunedOnTheWeekBefore()
    {
        // 2021-12-31 to 2022-02-01: a week of training then a day of testing, rolled daily: 24 folds.
        var (code, output, error) = Mm.Run("tune", "--market", "bars", "--data", SharedData.Klines, "--grid", "spread_bps=10,30", "--train", "7d", "--test", "1d",
            "--results", Path.Combine(_folder, "wf.csv"));
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("out of sample over 24 folds", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
