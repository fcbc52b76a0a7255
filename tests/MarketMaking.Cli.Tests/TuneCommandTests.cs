using System.Globalization;
using System.Text.Json;

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
    public void JsonListsEveryResultBestFirstAndResultsGoUnderRunsByDefault()
    {
        string[] sweep = ["tune", "--strategy", "as", "--grid", "gamma=0.05,0.5", "--sims", "100", "--json"];
        string expected = Path.Combine("runs", "tune", "as-model-gamma.csv");
        if (File.Exists(expected))
        {
            File.Delete(expected);
        }

        try
        {
            var (code, output, error) = Mm.Run(sweep);
            Assert.Equal(0, code);
            Assert.Empty(error);
            JsonElement root = JsonDocument.Parse(output).RootElement;
            Assert.Equal(expected, root.GetProperty("results_file").GetString());
            Assert.Equal(Path.ChangeExtension(expected, ".html"), root.GetProperty("report").GetString());
            Assert.Equal(2, root.GetProperty("points_run").GetInt32());
            JsonElement[] results = [.. root.GetProperty("results").EnumerateArray()];
            Assert.Equal(2, results.Length);
            Assert.True(results[0].GetProperty("objective").GetDouble() >= results[1].GetProperty("objective").GetDouble());
            string[] lines = File.ReadAllLines(expected);
            string best = lines.Skip(1).Single(l => l.StartsWith($"{results[0].GetProperty("index").GetInt32()},", StringComparison.Ordinal));
            Assert.Equal(double.Parse(best.Split(',')[3], CultureInfo.InvariantCulture), results[0].GetProperty("objective").GetDouble());
            Assert.Equal(double.Parse(best.Split(',')[2], CultureInfo.InvariantCulture), results[0].GetProperty("parameters").GetProperty("gamma").GetDouble());

            // Another sweep (another strategy or other parameters) gets a file of its own.
            Assert.Equal(0, Mm.Run("tune", "--strategy", "glft", "--grid", "gamma=0.1", "--sims", "100").Code);
            Assert.True(File.Exists(Path.Combine("runs", "tune", "glft-model-gamma.csv")));
        }
        finally
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine("runs", "tune")))
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public void ARandomSearchDrawsWholeMaxInventoriesAndItsBestConfigRunsInSimulate()
    {
        string results = Path.Combine(_folder, "random.csv"), best = Path.Combine(_folder, "best.yaml");
        var (code, _, error) = Mm.Run("tune", "--market", "model", "--strategy", "glft", "--random", "5", "--range", "gamma=0.01:1", "--range", "max_inventory=2:30",
            "--sims", "100", "--results", results, "--best-config", best);
        Assert.True(code == 0, error);
        Assert.Equal(["2", "11", "16", "30", "26"], File.ReadAllLines(results).Skip(1).Select(l => l.Split(',')).OrderBy(c => int.Parse(c[0], CultureInfo.InvariantCulture)).Select(c => c[3]));
        string line = File.ReadAllLines(best).Single(l => l.StartsWith("  max_inventory: ", StringComparison.Ordinal));
        Assert.Matches("^  max_inventory: [0-9]+$", line);

        // The tuned config loads where a strategy's settings are read.
        (code, _, error) = Mm.Run("simulate", "--config", best, "--sims", "50", "--no-save");
        Assert.True(code == 0, error);
    }

    [SharedDataFact]
    public void ABestConfigTunedOnBarsRunsInBacktest()
    {
        string best = Path.Combine(_folder, "bars-best.yaml");
        var (code, _, error) = Mm.Run("tune", "--market", "bars", "--data", SharedData.Klines, "--strategy", "fixed", "--random", "3", "--range", "spread_bps=5:40", "--range", "max_inventory=2:30",
            "--results", Path.Combine(_folder, "bars-random.csv"), "--best-config", best);
        Assert.True(code == 0, error);
        (code, _, error) = Mm.Run("backtest", "--bars", "--data", SharedData.Klines, "--config", best, "--no-save");
        Assert.True(code == 0, error);
    }

    [Theory]
    [InlineData("--grid", "max_inventory=2.5,7.5", "error: invalid grid: max_inventory takes whole numbers, got 2.5")]
    [InlineData("--range", "max_inventory=2:29.5", "error: invalid range: max_inventory takes whole numbers, got 29.5")]
    public void AFractionForAWholeNumberParameterIsRefusedBeforeAnyPointRuns(string option, string spec, string expected)
    {
        string results = Path.Combine(_folder, "fraction.csv");
        string[] search = option == "--grid" ? ["--grid", spec] : ["--random", "5", "--range", "gamma=0.01:1", "--range", spec];
        var (code, output, error) = Mm.Run(["tune", "--strategy", "glft", .. search, "--sims", "100", "--results", results]);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal(expected, error.Trim());
        Assert.False(File.Exists(results));
    }

    [Fact]
    public void EveryPointIsCheckedBeforeAnyRunsOrAnyFileIsWritten()
    {
        string results = Path.Combine(_folder, "checked.csv");
        var (code, output, error) = Mm.Run("tune", "--strategy", "as", "--grid", "gamma=0.1,-0.1", "--sims", "100", "--results", results);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal("error: invalid grid: point gamma=-0.1: gamma must be a positive number, got -0.1", error.Trim());
        Assert.False(File.Exists(results));
    }

    [Fact]
    public void AResultsLineTornByACrashIsDroppedSaidAndRunAgain()
    {
        string results = Path.Combine(_folder, "torn.csv");
        string[] sweep = [.. Sweep(results)];
        Assert.Equal(0, Mm.Run(sweep).Code);
        string[] whole = File.ReadAllLines(results);
        string last = whole[^1];
        File.WriteAllText(results, string.Join('\n', whole[..^1]) + "\n" + last[..^3]);   // cut inside the last number, no line end

        var (code, output, error) = Mm.Run(sweep);
        Assert.Equal(0, code);
        Assert.Equal($"warning: {results}: dropped its last line, cut short by an earlier crash ('{last[..^3]}'); that point runs again", error.Trim());
        Assert.Contains("1 points run", output, StringComparison.Ordinal);
        Assert.Equal(whole, File.ReadAllLines(results));   // the same seed gives the same row back, on a line of its own
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

        // Merged over one of its shards: refused before anything is written, the shard kept.
        string[] shard = File.ReadAllLines(b);
        (code, _, error) = Mm.Run("tune", "merge", a, b, "--out", b);
        Assert.Equal((2, $"error: invalid out: {b} is the input file {b}; writing it would replace the input"), (code, error.Trim()));
        Assert.Equal(shard, File.ReadAllLines(b));
    }

    [Theory]
    [InlineData(new[] { "tune", "--grid", "gama=1,2" }, "unknown parameter 'gama'")]
    [InlineData(new[] { "tune", "--grid", "gamma=1,x" }, "'x' is not a number")]
    [InlineData(new[] { "tune", "--grid", "spread_bps=1", "--shard", "2/2" }, "shard")]
    [InlineData(new[] { "tune", "--market", "bars", "--grid", "spread_bps=1" }, "--data")]
    [InlineData(new[] { "tune", "--grid", "spread_bps=1", "--objective", "pnl-dd" }, "--max-drawdown")]
    [InlineData(new[] { "tune", "--market", "l2", "--grid", "spread_bps=1" }, "unknown market 'l2'; known: model, bars, replay")]
    [InlineData(new[] { "tune", "--market", "replay", "--grid", "spread_bps=1" }, "--market replay needs --data FILE")]
    [InlineData(new[] { "tune", "--market", "replay", "--data", "x.gz", "--grid", "spread_bps=1" }, "needs the data format (--format)")]
    [InlineData(new[] { "tune", "--market", "replay", "--data", "x.csv", "--format", "ohlcv", "--grid", "spread_bps=1" }, "ohlcv holds bars: tune on it with --market bars")]
    [InlineData(new[] { "tune", "--market", "replay", "--data", "/nonexistent/x.gz", "--format", "binance-usdm", "--grid", "spread_bps=1" }, "file not found: /nonexistent/x.gz")]
    [InlineData(new[] { "tune", "--market", "replay", "--data", "/nonexistent/x.gz", "--format", "binance-usdm", "--grid", "spread_bps=1", "--queue-model", "fifo" }, "unknown model 'fifo'")]
    [InlineData(new[] { "tune", "--grid", "spread_bps=1", "--train", "2m", "--test", "1m" }, "walk-forward needs recorded data")]
    [InlineData(new[] { "tune", "--market", "replay", "--data", "x.gz", "--format", "binance-usdm", "--grid", "spread_bps=1", "--train", "2m" }, "walk-forward needs --test as well as --train")]
    [InlineData(new[] { "tune", "--market", "replay", "--data", "x.gz", "--format", "binance-usdm", "--grid", "spread_bps=1", "--train", "2x", "--test", "1m" }, "'2x' is not a duration")]
    public void MistakesAreOneLine(string[] args, string expected)
    {
        var (code, _, error) = Mm.Run([.. args, "--results", Path.Combine(_folder, "x.csv")]);
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A parameter the strategy (and the market) does not read gave every point the same score, silently.</summary>
    [Theory]
    [InlineData("error: invalid grid: fixed does not read gamma, so every point would give the same result; it reads max_inventory, order_size, spread_bps, skew_factor, update_freq",
        "tune", "--grid", "gamma=0.05,0.1")]
    [InlineData("error: invalid range: fixed does not read gamma, so every point would give the same result; it reads max_inventory, order_size, spread_bps, skew_factor, update_freq",
        "tune", "--random", "4", "--range", "spread_bps=5:20", "--range", "gamma=0.05:1")]
    [InlineData("error: invalid grid: as does not read spread_bps, so every point would give the same result; it reads gamma, order_size, update_freq",
        "tune", "--strategy", "inventory", "--grid", "spread_bps=5,10")]
    [InlineData("error: invalid grid: nn-spread does not read gamma, so every point would give the same result; it reads max_inventory, order_size, inventory_skew",
        "tune", "--market", "replay", "--data", "/nonexistent/x.gz", "--format", "binance-usdm", "--strategy", "nn-spread", "--grid", "gamma=0.05,0.1")]
    // A replay requotes on --requote-interval: update_freq is read by no strategy there (refused before the file is looked for).
    [InlineData("error: invalid grid: fixed does not read update_freq, so every point would give the same result; it reads max_inventory, order_size, spread_bps, skew_factor",
        "tune", "--market", "replay", "--data", "/nonexistent/x.gz", "--format", "binance-usdm", "--grid", "update_freq=1,5")]
    public void AParameterTheStrategyDoesNotReadIsRefusedBeforeAnythingRuns(string expected, params string[] args)
    {
        string results = Path.Combine(_folder, "ignored.csv");
        var (code, output, error) = Mm.Run([.. args, "--results", results]);
        Assert.Equal((2, "", expected), (code, output, error.Trim()));
        Assert.False(File.Exists(results), "nothing is run or written");
    }


    /// <summary>An option the chosen sweep does not read changed nothing, silently: each ran (or failed on its data) without it.</summary>
    [Theory]
    [InlineData("error: invalid test: --test is the walk-forward's out-of-sample window: give --train as well",
        "--market", "bars", "--data", "/nonexistent/x.csv", "--test", "1d")]
    [InlineData("error: invalid best-config: the walk-forward (--train, --test) does not read --best-config: it reports each fold's out-of-sample score and writes no results file or best config",
        "--market", "bars", "--data", "/nonexistent/x.csv", "--train", "7d", "--test", "1d", "--best-config", "BEST")]
    [InlineData("error: invalid results: the walk-forward (--train, --test) does not read --results: it reports each fold's out-of-sample score and writes no results file or best config",
        "--market", "bars", "--data", "/nonexistent/x.csv", "--train", "7d", "--test", "1d", "--results", "BEST")]
    [InlineData("error: invalid data: --market model does not read --data: it simulates its own market (tune on a file with --market bars or replay)",
        "--market", "model", "--data", "/nonexistent/x.csv", "--best-config", "BEST")]
    [InlineData("error: invalid latency: --market bars does not read --latency: only a replay of order-book data does",
        "--market", "bars", "--data", "/nonexistent/x.csv", "--latency", "5ms", "--best-config", "BEST")]
    [InlineData("error: invalid calibrate: --market model does not read --calibrate: only a replay of order-book data does",
        "--market", "model", "--calibrate", "0s", "--best-config", "BEST")]
    [InlineData("error: invalid drift: --market replay does not read --drift: only the model market does (a recording has its own prices)",
        "--market", "replay", "--data", "/nonexistent/x.gz", "--format", "binance-usdm", "--drift", "1", "--best-config", "BEST")]
    [InlineData("error: invalid sims: --market bars does not read --sims: a recording is one path, replayed once per point",
        "--market", "bars", "--data", "/nonexistent/x.csv", "--sims", "10", "--best-config", "BEST")]
    [InlineData("error: invalid range: --range bounds the points of --random N: give --random as well",
        "--market", "bars", "--data", "/nonexistent/x.csv", "--range", "spread_bps=5:20", "--best-config", "BEST")]
    [InlineData("error: invalid grid: --random draws its points from --range: give --grid or --random, not both",
        "--market", "bars", "--data", "/nonexistent/x.csv", "--random", "3", "--range", "spread_bps=5:20", "--best-config", "BEST")]
    [InlineData("error: invalid random: must be at least 1, got 0",
        "--market", "bars", "--data", "/nonexistent/x.csv", "--random", "0", "--best-config", "BEST")]
    public void AnOptionTheSweepDoesNotReadIsRefusedBeforeAnythingRuns(string expected, params string[] args)
    {
        string best = Path.Combine(_folder, "best.yaml");
        var (code, output, error) = Mm.Run(["tune", "--strategy", "fixed", "--grid", "spread_bps=10,20", .. args.Select(a => a == "BEST" ? best : a)]);
        Assert.Equal((2, "", expected), (code, output, error.Trim()));
        Assert.False(File.Exists(best), "nothing is run or written");
    }

    [Fact]
    public void AMalformedReplayFileIsOneLineNamingTheLine()
    {
        // A Binance USD-M recording whose second message has a price that is not a number.
        string file = Path.Combine(_folder, "bad.txt");
        File.WriteAllLines(file,
        [
            """1723161255088176367 {"stream":"btcusdt@trade","data":{"e":"trade","E":1723161256322,"T":1723161256322,"s":"BTCUSDT","t":1,"p":"61800.30","q":"0.002","X":"MARKET","m":false}}""",
            """1723161255088176368 {"stream":"btcusdt@trade","data":{"e":"trade","E":1723161256322,"T":1723161256322,"s":"BTCUSDT","t":2,"p":"6l800.30","q":"0.002","X":"MARKET","m":false}}""",
        ]);
        var (code, output, error) = Mm.Run("tune", "--market", "replay", "--data", file, "--format", "binance-usdm", "--tick-size", "0.1", "--lot-size", "0.001",
            "--grid", "spread_bps=1,2", "--results", Path.Combine(_folder, "bad.csv"));
        Assert.Equal(2, code);
        Assert.Equal($"error: {file}:2: p: '6l800.30' is not a number", error.Trim());
        Assert.Empty(output);
        Assert.False(File.Exists(Path.Combine(_folder, "bad.csv")), "nothing is run on data that does not parse");
    }

    /// <summary>A LOBSTER day (exact L3 queues): a tuned point trades as mm backtest at its settings, to the last bit.</summary>
    [SharedDataFact]
    public void SweepsALobsterDayAndAPointScoresWhatBacktestReports()
    {
        string day = Path.Combine(SharedData.Folder!, "lobster/LOBSTER_SampleFile_AMZN_2012-06-21_5.zip");
        string results = Path.Combine(_folder, "lobster.csv");
        var (code, _, error) = Mm.Run(
            "tune", "--market", "replay", "--data", day, "--format", "lobster", "--strategy", "glft", "--grid", "gamma=0.05,0.1", "--latency", "1ms", "--results", results);
        Assert.True(code == 0, error);
        string[] header = File.ReadAllLines(results)[0].Split(',');
        string[][] rows = [.. File.ReadAllLines(results).Skip(1).Select(l => l.Split(','))];
        Assert.Equal(2, rows.Length);
        string[] point = rows.Single(r => r[Array.IndexOf(header, "gamma")] == "0.1");

        var (btCode, btOutput, btError) = Mm.Run(
            "backtest", "--data", day, "--format", "lobster", "--strategy", "glft", "--gamma", "0.1", "--latency", "1ms", "--json", "--no-save");
        Assert.True(btCode == 0, btError);
        System.Text.Json.JsonElement r = System.Text.Json.JsonDocument.Parse(btOutput).RootElement.GetProperty("results")[0];
        Assert.Equal(r.GetProperty("net_pnl").GetDouble(), Number(point[Array.IndexOf(header, "pnl")]));
        Assert.Equal(r.GetProperty("sharpe_per_period").GetDouble(), Number(point[Array.IndexOf(header, "sharpe")]));
        Assert.Equal(r.GetProperty("fills").GetInt64(), (long)Number(point[Array.IndexOf(header, "fills")]));
        Assert.True(r.GetProperty("fills").GetInt64() > 0, "GLFT trades on a day of AMZN");
    }

    [SharedDataFact]
    public void SweepsReplayAndEachPointScoresWhatBacktestReports()
    {
        string results = Path.Combine(_folder, "replay.csv");
        string[] sweep =
        [
            "tune", "--market", "replay", "--data", SharedData.BinanceUsdm, "--format", "binance-usdm", "--strategy", "fixed",
            "--grid", "spread_bps=2,5", "--grid", "max_inventory=5,20", "--latency", "5ms", "--maker-fee", "-0.00005", "--results", results,
        ];
        var (code, _, error) = Mm.Run(sweep);
        Assert.Equal(0, code);
        Assert.Empty(error);
        string[][] rows = [.. File.ReadAllLines(results).Skip(1).Select(l => l.Split(','))];
        Assert.Equal(4, rows.Length);

        // Each point: mm backtest at the same parameters reports the same net PnL, Sharpe and fills, to the last bit.
        var backtest = new List<(double Pnl, string[] Row)>();
        foreach (string[] row in rows)
        {
            var (btCode, btOutput, btError) = Mm.Run(
                "backtest", "--data", SharedData.BinanceUsdm, "--format", "binance-usdm", "--strategy", "fixed", "--spread-bps", row[2], "--max-inventory", row[3],
                "--latency", "5ms", "--maker-fee", "-0.00005", "--json", "--no-save");
            Assert.Equal(0, btCode);
            Assert.Empty(btError);
            System.Text.Json.JsonElement r = System.Text.Json.JsonDocument.Parse(btOutput).RootElement.GetProperty("results")[0];
            Assert.Equal(r.GetProperty("net_pnl").GetDouble(), Number(row[5]));
            Assert.Equal(r.GetProperty("sharpe_per_period").GetDouble(), Number(row[6]));
            Assert.Equal(r.GetProperty("fills").GetInt64(), (long)Number(row[9]));
            Assert.True(r.GetProperty("fills").GetInt64() > 0, "every point trades on six minutes of BTCUSDT");
            backtest.Add((r.GetProperty("net_pnl").GetDouble(), row));
        }

        // So the sweep ranks the points as backtests would, and the objective is the PnL.
        Assert.Equal(backtest.OrderByDescending(b => b.Pnl).Select(b => b.Row[1]), rows.OrderByDescending(r => Number(r[4])).Select(r => r[1]));
        Assert.All(rows, r => Assert.Equal(r[5], r[4]));

        // Deterministic and resumable: a rerun finds every point done; a fresh run gives the same lines.
        var (rerunCode, rerunOutput, _) = Mm.Run(sweep);
        Assert.Equal(0, rerunCode);
        Assert.Contains("0 points run", rerunOutput, StringComparison.Ordinal);
        string again = Path.Combine(_folder, "again.csv");
        Assert.Equal(0, Mm.Run([.. sweep[..^1], again]).Code);
        Assert.Equal(File.ReadAllLines(results).Order(), File.ReadAllLines(again).Order());
    }

    [SharedDataFact]
    public void ReplayShardsMergeIntoTheWholeSweep()
    {
        string[] Sweep(string results, params string[] extra) =>
            ["tune", "--market", "replay", "--data", SharedData.BinanceUsdm, "--format", "binance-usdm", "--grid", "spread_bps=2,5,10", "--objective", "sharpe", "--results", results, .. extra];
        string whole = Path.Combine(_folder, "whole.csv"), a = Path.Combine(_folder, "a.csv"), b = Path.Combine(_folder, "b.csv"), merged = Path.Combine(_folder, "merged.csv");
        Assert.Equal(0, Mm.Run(Sweep(whole)).Code);
        Assert.Equal(0, Mm.Run(Sweep(a, "--shard", "0/2")).Code);
        Assert.Equal(0, Mm.Run(Sweep(b, "--shard", "1/2")).Code);
        Assert.Equal(3, File.ReadAllLines(a).Length);   // indices 0, 2
        Assert.Equal(0, Mm.Run("tune", "merge", a, b, "--out", merged).Code);
        Assert.Equal(File.ReadAllLines(whole).Order(), File.ReadAllLines(merged).Order());
    }

    [SharedDataFact]
    public void ReplayWalkForwardReportsOutOfSampleFolds()
    {
        // 344.7 s of events; the first 60 s calibrate and are not traded, leaving 284.7 s:
        // folds test [180, 240) and [240, 300) s after the first event; a third would end at 360 s.
        var (code, output, error) = Mm.Run("tune", "--market", "replay", "--data", SharedData.BinanceUsdm, "--format", "binance-usdm",
            "--grid", "spread_bps=2,5,10", "--train", "2m", "--test", "1m");
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("out of sample over 2 folds", output, StringComparison.Ordinal);
        Assert.Contains("2024-08-08 23:57:15 → 2024-08-08 23:58:15", output, StringComparison.Ordinal);
        Assert.Contains("2024-08-08 23:58:15 → 2024-08-08 23:59:15", output, StringComparison.Ordinal);

        // With no calibration window the whole recording is walked: three folds.
        (code, output, _) = Mm.Run("tune", "--market", "replay", "--data", SharedData.BinanceUsdm, "--format", "binance-usdm",
            "--grid", "spread_bps=2,5,10", "--train", "2m", "--test", "1m", "--calibrate", "0s");
        Assert.Equal(0, code);
        Assert.Contains("out of sample over 3 folds", output, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void AReplayShorterThanOneTrainPlusTestWindowIsOneLine()
    {
        var (code, output, error) = Mm.Run("tune", "--market", "replay", "--data", SharedData.BinanceUsdm, "--format", "binance-usdm",
            "--grid", "spread_bps=2,5", "--train", "4m", "--test", "1m");
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("error: the data spans 4 m 44.", error, StringComparison.Ordinal);
        Assert.EndsWith(" s, less than one training window plus one test window (4 m + 1 m)", error.Trim(), StringComparison.Ordinal);
    }

    private static double Number(string cell) => double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture);

    [SharedDataFact]
    public void ABarPointScoresWhatBacktestReportsForIt()
    {
        // The README's bar backtest as one tuned point: the same order size (one lot), fills and seed.
        string results = Path.Combine(_folder, "point.csv");
        Assert.Equal(0, Mm.Run("tune", "--market", "bars", "--data", SharedData.Klines, "--strategy", "fixed", "--grid", "spread_bps=20", "--grid", "max_inventory=10", "--fill-on", "probability", "--results", results).Code);
        string[] row = File.ReadAllLines(results)[1].Split(',');
        var (code, output, error) = Mm.Run("backtest", "--bars", "--data", SharedData.Klines, "--strategy", "fixed", "--spread-bps", "20", "--max-inventory", "10", "--fill-on", "probability", "--json", "--no-save");
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement r = JsonDocument.Parse(output).RootElement.GetProperty("results")[0];
        Assert.Equal(r.GetProperty("net_pnl").GetDouble(), Number(row[5]));
        Assert.Equal(r.GetProperty("sharpe_per_period").GetDouble(), Number(row[6]));
        Assert.Equal(r.GetProperty("max_drawdown").GetDouble(), Number(row[8]));
        Assert.Equal(r.GetProperty("fills").GetInt64(), (long)Number(row[9]));
        Assert.Equal(r.GetProperty("mean_abs_q").GetDouble(), Number(row[10]));
        Assert.True(r.GetProperty("max_abs_q").GetDouble() <= 10 * 0.001 + 1e-12, "ten orders of one 0.001 lot at most");
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
        var (code, output, error) = Mm.Run("tune", "--market", "bars", "--data", SharedData.Klines, "--grid", "spread_bps=10,30", "--train", "7d", "--test", "1d");
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("out of sample over 24 folds", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
