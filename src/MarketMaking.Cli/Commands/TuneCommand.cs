using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MarketMaking.Cli.Options;
using MarketMaking.Cli.Output;
using MarketMaking.Cli.Tuning;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Metrics;
using MarketMaking.Data.Files;
using MarketMaking.Reporting;
using MarketMaking.Simulation.Bars;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;
using Spectre.Console;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm tune</c>: a parameter sweep of one strategy, on the model market (each point a Monte
/// Carlo run over all cores), on bars or on recorded L2 data replayed as <c>mm backtest</c> does
/// (points in parallel, one per core). Grid or random search;
/// results appended to a CSV as points finish, so a rerun resumes; <c>--shard i/n</c> runs a
/// deterministic slice and <c>mm tune merge</c> joins the files. Prints the ranked table and writes
/// the best point as a config file. With <c>--train</c> and <c>--test</c>, a walk-forward over the
/// data's time range instead (bars or replay), reporting out-of-sample scores only.
/// </summary>
internal static class TuneCommand
{
    public static Command Create(Terminal terminal)
    {
        var kind = new Option<string>("--market") { Description = "model (Monte Carlo), bars or replay (L2 book + trades, as mm backtest), the last two with --data", DefaultValueFactory = _ => "model" };
        var data = new Option<string?>("--data") { Description = "data file for --market bars or replay (gz and zip are read directly)" };
        var format = new Option<string?>("--format") { Description = $"data format: bars ohlcv or bybit-kline (default from the file name); replay one of {string.Join(", ", MarketDataFormats.Names.Where(n => !MarketDataFormats.IsBars(MarketDataFormats.Parse(n))))}" };
        var slippage = new Option<double>("--slippage-bps") { Description = "each fill's price moved against us, basis points (every market)", DefaultValueFactory = _ => 0 };
        var strategy = new Option<string>("--strategy") { Description = "the strategy to tune", DefaultValueFactory = _ => "fixed" };
        var grid = new Option<string[]>("--grid") { Description = "name=v1,v2,… (repeat for more axes: the full grid is run)", AllowMultipleArgumentsPerToken = false };
        var random = new Option<int>("--random") { Description = "random search: this many points drawn from the --range bounds" };
        var range = new Option<string[]>("--range") { Description = "name=low:high for --random" };
        var objective = new Option<string>("--objective") { Description = "pnl, sharpe, utility (model) or pnl-dd (PnL, −∞ beyond --max-drawdown)", DefaultValueFactory = _ => "pnl" };
        var maxDrawdown = new Option<double?>("--max-drawdown") { Description = "pnl-dd: the largest drawdown allowed" };
        var sims = new Option<int>("--sims") { Description = "model: trajectories per point", DefaultValueFactory = _ => 1000 };
        var results = new Option<string>("--results") { Description = "CSV of results (appended; points already in it are skipped)", DefaultValueFactory = _ => "tune.csv" };
        var best = new Option<string?>("--best-config") { Description = "write the best point as a YAML config" };
        var shard = new Option<string?>("--shard") { Description = "i/n: run only points with index ≡ i (mod n)" };
        var seed = new Option<ulong>("--seed") { Description = "seed (the same for every point: paired comparisons)", DefaultValueFactory = _ => 1 };
        var top = new Option<int>("--top") { Description = "rows of the ranked table", DefaultValueFactory = _ => 10 };
        var trainWindow = new Option<string?>("--train") { Description = "walk-forward (bars or replay): length of each tuning window, e.g. 7d or 2m" };
        var testWindow = new Option<string?>("--test") { Description = "walk-forward: length of the out-of-sample window after each tuning window, e.g. 1d" };
        var market = new MarketOptions();
        var replayOptions = new ReplayOptions();
        var strategies = new StrategyOptions("fixed");
        var command = new Command("tune", "Sweep a strategy's parameters (grid or random), in parallel, resumable, sharded.")
        {
            kind, data, format, slippage, strategy, grid, random, range, objective, maxDrawdown, sims, results, best, shard, seed, top, trainWindow, testWindow,
        };
        market.AddTo(command);
        replayOptions.AddTo(command);
        strategies.AddTo(command, includeStrategyList: false);
        command.Subcommands.Add(Merge(terminal));
        command.SetAction(async (parse, cancellation) =>
        {
            string name = StrategyOptions.CatalogName(parse.GetValue(strategy)!);
            IReadOnlyList<TunePoint> points = parse.GetValue(random) > 0
                ? ParameterSpace.Random(parse.GetValue(range) ?? [], parse.GetValue(random), parse.GetValue(seed))
                : ParameterSpace.Grid(parse.GetValue(grid) is { Length: > 0 } g ? g : throw new InvalidParameterException("grid", "give --grid name=v1,v2 (or --random N with --range)"));
            (int shardIndex, int shardCount) = Shard(parse.GetValue(shard));
            string objectiveName = parse.GetValue(objective)!;
            string marketKind = parse.GetValue(kind)!;
            if (marketKind is not ("model" or "bars" or "replay"))
            {
                throw new InvalidParameterException("market", $"unknown market '{marketKind}'; known: model, bars, replay");
            }

            string? dataPath = marketKind == "model" ? null : parse.GetValue(data) ?? throw new InvalidParameterException("data", $"--market {marketKind} needs --data FILE");
            Func<TuneResult, double> score = Objective(objectiveName, parse.GetValue(maxDrawdown), marketKind == "model");
            double slippageBps = InvalidParameterException.RequireNonNegative("slippage-bps", parse.GetValue(slippage));
            if (parse.GetValue(trainWindow) is { } trainText)
            {
                if (dataPath is null)
                {
                    throw new InvalidParameterException("train", "walk-forward needs recorded data: --market bars or replay with --data FILE");
                }

                TimeSpan trainSpan = Durations.Parse("train", trainText);
                TimeSpan testSpan = Durations.Parse("test", parse.GetValue(testWindow) ?? throw new InvalidParameterException("test", "walk-forward needs --test as well as --train"));
                List<WalkForward.Fold> folds;
                if (marketKind == "bars")
                {
                    Bar[] history = LoadBars(dataPath, parse.GetValue(format));
                    folds = WalkForward.Run(history, trainSpan, testSpan, points, (window, point) => score(BarEvaluator(window, dataPath, strategies, parse, name, slippageBps)(point)));
                }
                else
                {
                    ReplaySweep replay = Replay(dataPath, parse.GetValue(format), parse.GetValue(seed), parse, market, replayOptions, strategies, name, slippageBps);
                    folds = WalkForward.Run(replay.Start, replay.End, trainSpan, testSpan, points, replay.Slice, (window, point) => score(replay.Evaluate(point, window)));
                }

                WalkForward.Write(terminal, folds, objectiveName);
                return 0;
            }

            string path = parse.GetValue(results)!;
            string[] names = [.. points[0].Values.Select(v => v.Name)];
            string header = TuneResultsFile.Header(names);
            HashSet<string> done = [.. TuneResultsFile.Read(path, header).Select(r => r.Key)];
            var todo = points.Where(p => p.Index % shardCount == shardIndex && !done.Contains(p.Key)).ToList();
            Func<TunePoint, TuneResult> evaluate = marketKind switch
            {
                "model" => ModelEvaluator(market.Resolve(parse), strategies, parse, name, parse.GetValue(sims), parse.GetValue(seed), slippageBps),
                "bars" => BarEvaluator(LoadBars(dataPath!, parse.GetValue(format)), dataPath!, strategies, parse, name, slippageBps),
                _ => Replay(dataPath!, parse.GetValue(format), parse.GetValue(seed), parse, market, replayOptions, strategies, name, slippageBps).Evaluate,
            };
            bool parallelPoints = marketKind != "model";

            var clock = Stopwatch.StartNew();
            using (TuneResultsFile file = TuneResultsFile.Open(path, header))
            {
                await ProgressBars.RunAsync(terminal, $"tune {name}: {todo.Count} points", Math.Max(1, todo.Count), task =>
                {
                    void Run(TunePoint point)
                    {
                        TuneResult r = evaluate(point);
                        file.Append(r with { Objective = score(r) });
                        task?.Increment(1);
                    }

                    ParallelPoints.For(todo.Count, parallelPoints ? Environment.ProcessorCount : 1, i => Run(todo[i]), cancellation);
                    return Task.CompletedTask;
                }).ConfigureAwait(false);
            }

            var all = TuneResultsFile.Read(path, header);
            int objectiveColumn = 2 + names.Length;
            var ranked = all.OrderByDescending(r => double.Parse(r.Cells[objectiveColumn], CultureInfo.InvariantCulture)).ToList();
            Report(terminal, ranked.Take(Math.Max(1, parse.GetValue(top))).ToList(), header.Split(','), objectiveName);
            terminal.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{todo.Count} points run in {clock.Elapsed.TotalSeconds:F1} s ({points.Count - todo.Count} were done already or in other shards); results: {path}"));
            string reportPath = Path.ChangeExtension(path, ".html");
            OutputFiles.Write(reportPath, w => w.Write(HtmlReportWriter.Render(SweepReport(name, objectiveName, names, header.Split(','), ranked))));
            terminal.Writer.WriteLine($"report: {reportPath}");
            if (parse.GetValue(best) is { } bestPath && ranked.Count > 0)
            {
                OutputFiles.Write(bestPath, w => BestConfig(w, name, names, ranked[0].Cells, objectiveName, objectiveColumn));
                terminal.Writer.WriteLine($"best point: {bestPath}");
            }

            return 0;
        });
        return command;
    }

    private static Func<TunePoint, TuneResult> ModelEvaluator(ModelMarketParameters market, StrategyOptions strategies, ParseResult parse, string name, int sims, ulong seed, double slippageBps)
    {
        StrategySettings baseline = strategies.Resolve(parse, market);
        var settings = new MonteCarloSettings { Trajectories = sims, Seed = seed, SlippageBps = slippageBps }.Validate();
        return point =>
        {
            StrategySettings s = TunableParameters.Apply(baseline, point.Values);
            MonteCarloSummary summary = new MonteCarloEngine(market, settings).Run(StrategyCatalog.Create(name, s)).Summarize(s.Gamma);
            return new TuneResult(point, double.NaN, summary.ProfitMean, summary.SharpePerRun, summary.MeanVarianceUtility, summary.MeanMaxDrawdown, summary.FillsMean, summary.MeanAbsInventory);
        };
    }

    private static Bar[] LoadBars(string path, string? format)
    {
        string formatName = format ?? (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "bybit-kline" : "ohlcv");
        Bar[] bars = [.. MarketDataFormats.OpenBars(path, formatName)];
        return bars.Length >= 2 ? bars : throw new InsufficientDataException($"{path}: fewer than two bars");
    }

    private static Func<TunePoint, TuneResult> BarEvaluator(Bar[] bars, string path, StrategyOptions strategies, ParseResult parse, string name, double slippageBps)
    {
        double barSeconds = (bars[1].OpenTime - bars[0].OpenTime) / 1e9;
        var instrument = new Instrument(Path.GetFileNameWithoutExtension(path), 0.01, 0.001);
        StrategySettings baseline = strategies.Resolve(parse, new StrategySettings { OrderQuantity = 0.001 });
        return point =>
        {
            StrategySettings s = TunableParameters.Apply(baseline, point.Values);
            var run = new RunSettings { Metrics = new MetricsOptions { SamplePeriod = barSeconds }, DecisionInterval = (Math.Max(1, s.UpdateInterval) * barSeconds) - 1e-9 };
            RunMetrics m = EventLoop.Run(new BarMarket(bars, instrument, new BarSettings { SlippageBps = slippageBps }), StrategyCatalog.Create(name, s), run).Metrics;
            return new TuneResult(point, double.NaN, m.NetPnl, m.SharpePerPeriod, double.NaN, m.MaxDrawdown, m.Fills, m.MeanAbsInventory);
        };
    }

    /// <summary>
    /// Recorded L2 data read once into memory, with the replay set up as <c>mm backtest</c> sets it up
    /// (σ, A, κ calibrated on the first --calibrate of the file unless given; one lot per order).
    /// The model-market options --maker-fee, --lot-size, --sigma, --A, --kappa and --horizon mean
    /// here what they mean to <c>mm backtest</c>.
    /// </summary>
    private static ReplaySweep Replay(string path, string? format, ulong seed, ParseResult parse, MarketOptions market, ReplayOptions replayOptions, StrategyOptions strategies, string name, double slippageBps)
    {
        string formatName = format ?? throw new InvalidParameterException("format", "--market replay needs the data format (--format), e.g. binance-usdm");
        if (MarketDataFormats.IsBars(MarketDataFormats.Parse(formatName)))
        {
            throw new InvalidParameterException("format", $"{formatName} holds bars: tune on it with --market bars");
        }

        // Every option is checked before the file is read (once, on the first call of the loader).
        var given = market.ReplayOverrides(parse);
        MarketDataOptions options = replayOptions.DataOptions(parse, given.LotSize);
        ReplayEvents? events = null;
        ReplayEvents Load() => File.Exists(path) ? ReplayEvents.Load(path, formatName, options) : throw new InvalidParameterException("data", $"file not found: {path}");
        ReplaySession session = replayOptions.Open(parse, given.MakerFee, unchecked((int)seed), () => (events ??= Load()).Source());
        StrategySettings baseline = strategies.Resolve(parse, session.Baseline(given.Sigma, given.A, given.Kappa, given.Horizon ?? 60));
        double tick = session.DataInstrument.TickSize;

        // Opening the session read the data (its instrument comes from the file).
        return new ReplaySweep(events ?? Load(), session, baseline, s => strategies.Create(parse, name, s, tick), slippageBps);
    }

    private static Func<TuneResult, double> Objective(string name, double? maxDrawdown, bool model) => name switch
    {
        "pnl" => r => r.Pnl,
        "sharpe" => r => r.Sharpe,
        "utility" when model => r => r.Utility,
        "utility" => throw new InvalidParameterException("objective", "utility needs many runs of a point: use it with --market model"),
        "pnl-dd" => maxDrawdown is { } limit ? r => r.MaxDrawdown <= limit ? r.Pnl : double.NegativeInfinity : throw new InvalidParameterException("max-drawdown", "pnl-dd needs --max-drawdown"),
        _ => throw new InvalidParameterException("objective", $"unknown objective '{name}'; known: pnl, sharpe, utility, pnl-dd"),
    };

    private static (int Index, int Count) Shard(string? text)
    {
        if (text is null)
        {
            return (0, 1);
        }

        string[] parts = text.Split('/');
        return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out int i) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out int n) && n >= 1 && i >= 0 && i < n
            ? (i, n)
            : throw new InvalidParameterException("shard", $"expected i/n with 0 ≤ i < n, got '{text}'");
    }

    private static void Report(Terminal terminal, List<(string Key, string[] Cells)> rows, string[] header, string objective)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"ranked by {objective}");
        table.AddColumn("rank");
        foreach (string column in header.Skip(2))
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)).RightAligned());
        }

        int rank = 1;
        foreach ((_, string[] cells) in rows)
        {
            table.AddRow([rank++.ToString(CultureInfo.InvariantCulture), .. cells.Skip(2).Select(c => Markup.Escape(Short(c)))]);
        }

        terminal.Console.Write(table);
    }

    private static string Short(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? Formats.Compact(v) : cell;

    /// <summary>The ranked table and, over the first two parameters, a heatmap of the objective (the best over any others).</summary>
    private static ReportDocument SweepReport(string strategy, string objective, string[] names, string[] header, List<(string Key, string[] Cells)> ranked)
    {
        int objectiveColumn = 2 + names.Length;
        var table = new TableBlock([.. header.Skip(2)], [.. ranked.Take(50).Select(r => (IReadOnlyList<string>)[.. r.Cells.Skip(2).Select(Short)])], $"ranked by {objective} ({ranked.Count} points)");
        var blocks = new List<ReportBlock> { table };
        if (names.Length >= 2)
        {
            double Value(string[] cells, int column) => double.Parse(cells[column], CultureInfo.InvariantCulture);
            double[] rows = [.. ranked.Select(r => Value(r.Cells, 2)).Distinct().Order()];
            double[] columns = [.. ranked.Select(r => Value(r.Cells, 3)).Distinct().Order()];
            var grid = rows.Select(_ => columns.Select(_ => double.NaN).ToArray()).ToArray();
            foreach ((_, string[] cells) in ranked)
            {
                int i = Array.IndexOf(rows, Value(cells, 2)), j = Array.IndexOf(columns, Value(cells, 3));
                double v = Value(cells, objectiveColumn);
                grid[i][j] = double.IsNaN(grid[i][j]) ? v : Math.Max(grid[i][j], v);
            }

            blocks.Add(new HeatmapBlock(
                $"{objective} over {names[0]} and {names[1]}{(names.Length > 2 ? " (best over the other parameters)" : string.Empty)}",
                names[0], names[1], [.. rows.Select(v => v.ToString("G6", CultureInfo.InvariantCulture))], [.. columns.Select(v => v.ToString("G6", CultureInfo.InvariantCulture))], grid));
        }

        return new ReportDocument($"mm tune: {strategy}", $"{ranked.Count} points, objective {objective}", [new ReportSection("Sweep", blocks)]);
    }

    private static void BestConfig(TextWriter writer, string strategy, string[] names, string[] cells, string objective, int objectiveColumn)
    {
        writer.WriteLine($"# best point of mm tune: {objective} = {cells[objectiveColumn]}");
        writer.WriteLine("strategy:");
        writer.WriteLine($"  name: {strategy}");
        for (int j = 0; j < names.Length; j++)
        {
            writer.WriteLine($"  {names[j]}: {cells[2 + j]}");
        }
    }

    private static Command Merge(Terminal terminal)
    {
        var files = new Argument<string[]>("files") { Description = "result files of the shards", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "merged file", Required = true };
        var command = new Command("merge", "Join the result files of a sharded sweep (the first result of each point is kept).") { files, output };
        command.SetAction(parse =>
        {
            string[] paths = parse.GetValue(files)!;
            string header = File.Exists(paths[0]) ? File.ReadLines(paths[0]).FirstOrDefault() ?? string.Empty : throw new DataFormatException(paths[0], 0, "file", "not found");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var rows = new List<string[]>();
            foreach (string path in paths)
            {
                foreach ((string key, string[] cells) in TuneResultsFile.Read(path, header))
                {
                    if (seen.Add(key))
                    {
                        rows.Add(cells);
                    }
                }
            }

            OutputFiles.Write(parse.GetValue(output)!, w =>
            {
                w.WriteLine(header);
                foreach (string[] cells in rows.OrderBy(c => int.Parse(c[0], CultureInfo.InvariantCulture)))
                {
                    w.WriteLine(string.Join(',', cells));
                }
            });
            terminal.Writer.WriteLine($"{rows.Count} points from {paths.Length} files: {parse.GetValue(output)}");
            return 0;
        });
        return command;
    }
}
