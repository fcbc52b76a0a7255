using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MarketMaking.Cli.Options;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Files;
using MarketMaking.Core.Instruments;
using MarketMaking.Data.Files;
using MarketMaking.Reporting;
using MarketMaking.Research;
using MarketMaking.Research.Backtests;
using MarketMaking.Research.Cluster;
using MarketMaking.Research.Quoting;
using MarketMaking.Research.Replay;
using MarketMaking.Research.Reports;
using MarketMaking.Research.Runs;
using MarketMaking.Research.Sweeps;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;
using Spectre.Console;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm tune</c>: a parameter sweep of one strategy (<see cref="Sweep"/>), on the model market, on
/// bars or on recorded L2 data replayed as <c>mm backtest</c> does. Grid or random search; results
/// appended to a CSV as points finish, so a rerun resumes; <c>--shard i/n</c> runs a deterministic
/// slice and <c>mm tune merge</c> joins the files. Prints the ranked table and writes the best point
/// as a config file. With <c>--train</c> and <c>--test</c>, a walk-forward over the data's time
/// range instead (bars or replay), reporting out-of-sample scores only.
/// </summary>
internal static class TuneCommand
{
    public static Command Create(Terminal terminal)
    {
        var kind = new Option<string>("--market") { Description = "model (Monte Carlo), bars or replay (L2 book + trades, as mm backtest), the last two with --data", DefaultValueFactory = _ => "model" };
        var data = new Option<string?>("--data") { Description = "data file for --market bars or replay (gz and zip are read directly)" };
        var format = new Option<string?>("--format") { Description = $"data format: bars ohlcv or bybit-kline (default from the file name); replay one of {string.Join(", ", MarketDataFormats.Names.Where(n => !MarketDataFormats.IsBars(MarketDataFormats.Parse(n))))} (an .mmev file needs none)" };
        var slippage = new Option<double>("--slippage-bps") { Description = "each fill's price moved against us, basis points (every market)", DefaultValueFactory = _ => 0 };
        var strategy = new Option<string>("--strategy") { Description = "the strategy to tune", DefaultValueFactory = _ => "fixed" };
        var grid = new Option<string[]>("--grid") { Description = "name=v1,v2,… (repeat for more axes: the full grid is run)", AllowMultipleArgumentsPerToken = false };
        var random = new Option<int>("--random") { Description = "random search: this many points drawn from the --range bounds" };
        var range = new Option<string[]>("--range") { Description = "name=low:high for --random" };
        var objectiveName = new Option<string>("--objective") { Description = "pnl, sharpe, utility (model) or pnl-dd (PnL, −∞ beyond --max-drawdown)", DefaultValueFactory = _ => "pnl" };
        var maxDrawdown = new Option<double?>("--max-drawdown") { Description = "pnl-dd: the largest drawdown allowed" };
        var sims = new Option<int>("--sims") { Description = "model: trajectories per point", DefaultValueFactory = _ => 1000 };
        var results = new Option<string?>("--results") { Description = "CSV of results (appended; points already in it are skipped); default runs/tune/STRATEGY-MARKET[-DATA]-PARAMETERS.csv" };
        var best = new Option<string?>("--best-config") { Description = "write the best point as a YAML config" };
        var shard = new Option<string?>("--shard") { Description = "i/n: run only points with index ≡ i (mod n); auto: i and n from the Slurm job array (auto/n in a Kubernetes Indexed Job), each shard to its own results file NAME.shard-i-of-n.csv" };
        var seed = new Option<ulong>("--seed") { Description = "seed (the same for every point: paired comparisons)", DefaultValueFactory = _ => 1 };
        var top = new Option<int>("--top") { Description = "rows of the ranked table", DefaultValueFactory = _ => 10 };
        var trainWindow = new Option<string?>("--train") { Description = "walk-forward (bars or replay): length of each tuning window, e.g. 7d or 2m" };
        var testWindow = new Option<string?>("--test") { Description = "walk-forward: length of the out-of-sample window after each tuning window, e.g. 1d" };
        var json = new Option<bool>("--json") { Description = "print JSON (every result, best first; or the walk-forward's folds) instead of a table" };
        var market = new MarketOptions();
        var replayOptions = new ReplayOptions();
        var barOptions = new BarOptions();
        var strategies = new StrategyOptions("fixed");
        var command = new Command("tune", "Sweep a strategy's parameters (grid or random), in parallel, resumable, sharded.")
        {
            kind, data, format, slippage, strategy, grid, random, range, objectiveName, maxDrawdown, sims, results, best, shard, seed, top, trainWindow, testWindow, json,
        };
        market.AddTo(command);
        replayOptions.AddTo(command);
        barOptions.AddTo(command);
        strategies.AddTo(command, includeStrategyList: false);
        command.Subcommands.Add(Merge(terminal));
        command.SetAction(async (parse, cancellation) =>
        {
            string name = StrategyChoice.CatalogName(parse.GetValue(strategy)!);
            string marketKind = parse.GetValue(kind)!;
            IReadOnlyList<string> runParameters = marketKind switch
            {
                "model" => ModelSweep.RunParameters,
                "bars" => BarSweep.RunParameters,
                "replay" => ReplaySweep.RunParameters,
                _ => throw new InvalidParameterException("market", $"unknown market '{marketKind}'; known: model, bars, replay"),
            };
            // --random 0 (or less) is no search: refused, not taken as "no --random" beside a grid.
            bool randomSearch = parse.GetResult(random) is { Implicit: false } && InvalidParameterException.RequireAtLeastOne("random", parse.GetValue(random)) > 0;
            IReadOnlyList<SweepPoint> points = randomSearch
                ? ParameterSpace.Random(parse.GetValue(range) ?? [], parse.GetValue(random), parse.GetValue(seed))
                : ParameterSpace.Grid(parse.GetValue(grid) is { Length: > 0 } g ? g : throw new InvalidParameterException("grid", "give --grid name=v1,v2 (or --random N with --range)"));

            // Before any data is read: a parameter nothing reads would give every point the same score.
            TunableParameters.RequireRead(randomSearch ? "range" : "grid", name, [.. StrategyFactory.Parameters(name), .. runParameters], Sweep.ParameterNames(points));
            string? shardText = parse.GetValue(shard);
            ArrayTask shardTask = shardText is null ? ArrayTask.Whole : ArrayTask.Parse("shard", shardText, Environment.GetEnvironmentVariable);

            RefuseUnread(parse, marketKind, market, replayOptions, [data, format], sims, range, grid, randomSearch);
            string? dataPath = marketKind == "model" ? null : parse.GetValue(data) ?? throw new InvalidParameterException("data", $"--market {marketKind} needs --data FILE");
            SweepObjective objective = Objective(parse.GetValue(objectiveName)!, parse.GetValue(maxDrawdown), marketKind == "model");
            double slippageBps = InvalidParameterException.RequireNonNegative("slippage-bps", parse.GetValue(slippage));
            if (parse.GetValue(trainWindow) is null && parse.GetResult(testWindow) is { Implicit: false })
            {
                throw new InvalidParameterException("test", "--test is the walk-forward's out-of-sample window: give --train as well");
            }

            if (parse.GetValue(trainWindow) is { } trainText)
            {
                if (dataPath is null)
                {
                    throw new InvalidParameterException("train", "walk-forward needs recorded data: --market bars or replay with --data FILE");
                }

                TimeSpan trainSpan = Durations.Parse("train", trainText);
                TimeSpan testSpan = Durations.Parse("test", parse.GetValue(testWindow) ?? throw new InvalidParameterException("test", "walk-forward needs --test as well as --train"));

                // The walk-forward reports its folds only: no results file, report, best config or shards.
                if (new Option[] { results, best, shard }.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } unread)
                {
                    throw new InvalidParameterException(unread.Name.TrimStart('-'), $"the walk-forward (--train, --test) does not read {unread.Name}: it reports each fold's out-of-sample score and writes no results file or best config");
                }
                List<WalkForwardFold> folds = marketKind == "bars"
                    ? WalkForward.Run(Bars(dataPath, parse.GetValue(format), parse.GetValue(seed), parse, market, replayOptions, barOptions, strategies, name, slippageBps), trainSpan, testSpan, points, objective)
                    : WalkForward.Run(Replay(dataPath, parse.GetValue(format), parse.GetValue(seed), parse, market, replayOptions, strategies, name, slippageBps), trainSpan, testSpan, points, objective);
                if (parse.GetValue(json))
                {
                    terminal.Writer.WriteLine(Json.Serialize(new
                    {
                        Objective = objective.Name,
                        Folds = folds.Select(f => new
                        {
                            f.Index,
                            TrainStart = Instant(f.TrainStart),
                            TestStart = Instant(f.TestStart),
                            TestEnd = Instant(f.TestEnd),
                            Best = Parameters(f.Best),
                            f.InSample,
                            f.OutOfSample,
                        }),
                        OutOfSampleTotal = folds.Sum(f => f.OutOfSample),
                    }));
                }
                else
                {
                    WalkForwardTable.Write(terminal, folds, objective.Name);
                }

                return 0;
            }

            string wholePath = parse.GetValue(results) ?? SweepResultsFile.DefaultPath(name, marketKind, dataPath, Sweep.ParameterNames(points));

            // Every task of a job array runs the same command line: auto gives each shard a file of its own.
            string path = shardText?.StartsWith("auto", StringComparison.Ordinal) == true ? SweepShard.ResultsPath(wholePath, shardTask) : wholePath;
            IReadOnlyList<SweepPoint> todo = Sweep.Pending(points, path, shardTask.Index, shardTask.Count);
            ISweepMarket sweep = marketKind switch
            {
                "model" => Model(market.Resolve(parse), strategies, parse, name, parse.GetValue(sims), parse.GetValue(seed), slippageBps),
                "bars" => Bars(dataPath!, parse.GetValue(format), parse.GetValue(seed), parse, market, replayOptions, barOptions, strategies, name, slippageBps),
                _ => Replay(dataPath!, parse.GetValue(format), parse.GetValue(seed), parse, market, replayOptions, strategies, name, slippageBps),
            };

            Sweep.Check(sweep, todo); // before the results file is touched
            if (shardTask.Count > 1)
            {
                if (SweepShard.Read(path) is { } written && written.Index != shardTask.Index)
                {
                    throw new InvalidParameterException("results", $"{path} holds shard {written.Index} of {written.Count}: give each shard a results file of its own (--shard auto does)");
                }

                SweepShard.For(shardTask, points, SweepSettings(parse)).Write(path);
            }

            var clock = Stopwatch.StartNew();
            IReadOnlyList<string> names = Sweep.ParameterNames(points);
            using (SweepResultsFile file = SweepResultsFile.Open(path, SweepResultsFile.Header(names)))
            {
                if (file.DroppedLine is { } torn)
                {
                    terminal.Error.WriteLine($"warning: {path}: dropped its last line, cut short by an earlier crash ('{torn}'); that point runs again");
                }

                await ProgressBars.RunAsync(terminal, $"tune {name}: {todo.Count} points", Math.Max(1, todo.Count), task =>
                {
                    Sweep.Run(sweep, todo, objective, file, new InlineProgress<SweepResult>(_ => task.Increment(1)), cancellation);
                    return Task.CompletedTask;
                }).ConfigureAwait(false);
            }

            RankedSweep ranked = RankedSweep.Read(path, names);
            string reportPath = Path.ChangeExtension(path, ".html");
            OutputFiles.Write(reportPath, w => w.Write(HtmlReportWriter.Render(ranked.Report($"mm tune: {name}", objective.Name))));
            string? bestPath = parse.GetValue(best) is { } bestFile && ranked.Rows.Count > 0 ? bestFile : null;
            if (bestPath is not null)
            {
                OutputFiles.Write(bestPath, w => ranked.WriteBestConfig(w, name, objective.Name));
            }

            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new
                {
                    Objective = objective.Name,
                    PointsRun = todo.Count,
                    PointsDoneBefore = points.Count - todo.Count,
                    Results = ranked.Results.Select(r => new { r.Point.Index, Parameters = Parameters(r.Point), r.Objective, r.Pnl, r.Sharpe, r.Utility, r.MaxDrawdown, r.Fills, MeanAbsQ = r.MeanAbsInventory }),
                    ResultsFile = path,
                    Report = reportPath,
                    BestConfig = bestPath,
                }));
                return 0;
            }

            Report(terminal, ranked, Math.Max(1, parse.GetValue(top)), objective.Name);
            terminal.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{todo.Count} points run in {clock.Elapsed.TotalSeconds:F1} s ({points.Count - todo.Count} were done already or in other shards); results: {path}"));
            terminal.Writer.WriteLine($"report: {reportPath}");
            if (bestPath is not null)
            {
                terminal.Writer.WriteLine($"best point: {bestPath}");
            }

            return 0;
        });
        return command;
    }

    private static ModelSweep Model(ModelMarketParameters market, StrategyOptions strategies, ParseResult parse, string name, int sims, ulong seed, double slippageBps) =>
        new(market, strategies.Resolve(parse, market), s => StrategyCatalog.Create(name, s), new MonteCarloSettings { Trajectories = sims, Seed = seed, SlippageBps = slippageBps });

    /// <summary>
    /// Bars read once into memory, run as <c>mm backtest --bars</c> runs them (<see cref="BarBacktest.Sweep"/>):
    /// the same instrument, fill rule, seed and baseline (one lot per order), so a point's figures are
    /// the backtest's. --maker-fee, --lot-size, --sigma, --A, --kappa and --horizon mean here what
    /// they mean to <c>mm backtest</c>.
    /// </summary>
    private static BarSweep Bars(string path, string? format, ulong seed, ParseResult parse, MarketOptions market, ReplayOptions replayOptions, BarOptions barOptions, StrategyOptions strategies, string name, double slippageBps)
    {
        var given = market.ReplayOverrides(parse);
        BarBacktest backtest = BarBacktest.Open(
            path,
            format,
            BarOptions.Instrument(parse, path, replayOptions, given.LotSize, given.MakerFee),
            barOptions.Settings(parse, slippageBps, unchecked((int)seed)),
            replayOptions.Policy(parse));
        StrategySettings baseline = strategies.Resolve(parse, backtest.Baseline(given.Sigma, given.A, given.Kappa, given.Horizon ?? 60));
        return backtest.Sweep(baseline, s => StrategyCatalog.Create(name, s));
    }

    /// <summary>
    /// Recorded L2 data read once into memory, with the replay set up as <c>mm backtest</c> sets it up
    /// (σ, A, κ calibrated on the first --calibrate of the file unless given; one lot per order).
    /// The model-market options --maker-fee, --lot-size, --sigma, --A, --kappa and --horizon mean
    /// here what they mean to <c>mm backtest</c>.
    /// </summary>
    private static ReplaySweep Replay(string path, string? format, ulong seed, ParseResult parse, MarketOptions market, ReplayOptions replayOptions, StrategyOptions strategies, string name, double slippageBps)
    {
        string formatName = MarketDataFormats.NamedOrDetected(format, path) ?? throw new InvalidParameterException("format", "--market replay needs the data format (--format), e.g. binance-usdm");
        if (MarketDataFormats.IsBars(MarketDataFormats.Parse(formatName)))
        {
            throw new InvalidParameterException("format", $"{formatName} holds bars: tune on it with --market bars");
        }

        // Every option is checked before the file is read.
        var given = market.ReplayOverrides(parse);
        MarketDataOptions options = replayOptions.DataOptions(parse, given.LotSize);
        ReplaySetup setup = replayOptions.Setup(parse, given.MakerFee, unchecked((int)seed));
        StrategyFactory factory = strategies.Factory(parse);
        ReplayEvents events = ReplayEvents.Load(path, formatName, options);
        ReplaySession session = ReplaySession.Open(setup, () => events.Source());
        StrategySettings baseline = strategies.Resolve(parse, session.Baseline(given.Sigma, given.A, given.Kappa, given.Horizon ?? 60));
        double tick = session.DataInstrument.TickSize;
        return new ReplaySweep(events, session, baseline, s => factory.Create(name, s, tick), slippageBps);
    }

    /// <summary>
    /// Refuses an option the chosen sweep does not read, which would otherwise change nothing: data
    /// options on the model market, replay-only options on bars or the model market, the model
    /// market's own options and trajectories outside it, a grid beside random search or ranges without it.
    /// </summary>
    private static void RefuseUnread(ParseResult parse, string marketKind, MarketOptions market, ReplayOptions replayOptions, Option[] dataOptions, Option sims, Option range, Option grid, bool randomSearch)
    {
        bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
        if (marketKind == "model" && dataOptions.FirstOrDefault(Given) is { } dataOption)
        {
            throw new InvalidParameterException(dataOption.Name.TrimStart('-'), $"--market model does not read {dataOption.Name}: it simulates its own market (tune on a file with --market bars or replay)");
        }

        if (marketKind != "replay")
        {
            replayOptions.RefuseReplayOnly(parse, $"--market {marketKind}");
        }

        if (marketKind != "model" && market.ModelOnly.FirstOrDefault(Given) is { } modelOption)
        {
            throw new InvalidParameterException(modelOption.Name.TrimStart('-'), $"--market {marketKind} does not read {modelOption.Name}: only the model market does (a recording has its own prices)");
        }

        if (marketKind != "model" && Given(sims))
        {
            throw new InvalidParameterException("sims", $"--market {marketKind} does not read --sims: a recording is one path, replayed once per point");
        }

        if (randomSearch && Given(grid))
        {
            throw new InvalidParameterException("grid", "--random draws its points from --range: give --grid or --random, not both");
        }

        if (!randomSearch && Given(range))
        {
            throw new InvalidParameterException("range", "--range bounds the points of --random N: give --random as well");
        }
    }

    /// <summary>A point's values by parameter name, for JSON.</summary>
    private static Dictionary<string, double> Parameters(SweepPoint point) => point.Values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    private static DateTimeOffset Instant(long nanoseconds) => DateTimeOffset.UnixEpoch.AddTicks(nanoseconds / 100);

    private static SweepObjective Objective(string name, double? maxDrawdown, bool model) => name switch
    {
        "pnl" => SweepObjective.Pnl,
        "sharpe" => SweepObjective.Sharpe,
        "utility" when model => SweepObjective.Utility,
        "utility" => throw new InvalidParameterException("objective", "utility needs many runs of a point: use it with --market model"),
        "pnl-dd" => maxDrawdown is { } limit ? SweepObjective.PnlWithinDrawdown(limit) : throw new InvalidParameterException("max-drawdown", "pnl-dd needs --max-drawdown"),
        _ => throw new InvalidParameterException("objective", $"unknown objective '{name}'; known: pnl, sharpe, utility, pnl-dd"),
    };

    /// <summary>The options given on the command line that decide a point's score (not where results go or how they print): shards of one sweep share them.</summary>
    private static Dictionary<string, string> SweepSettings(ParseResult parse) =>
        parse.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>()
            .Where(o => !o.Implicit && o.Option.Name is not ("--shard" or "--results" or "--json" or "--top" or "--best-config"))
            .GroupBy(o => o.Option.Name)
            .ToDictionary(g => g.Key, g => string.Join(' ', g.SelectMany(o => o.Tokens).Select(t => t.Value)));

    private static void Report(Terminal terminal, RankedSweep ranked, int top, string objective)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"ranked by {objective}");
        table.AddColumn("rank");
        foreach (string column in ranked.Columns.Skip(2))
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)).RightAligned());
        }

        int rank = 1;
        foreach (string[] cells in ranked.Rows.Take(top))
        {
            table.AddRow([rank++.ToString(CultureInfo.InvariantCulture), .. cells.Skip(2).Select(c => Markup.Escape(Formats.CompactCell(c)))]);
        }

        terminal.Console.Write(table);
    }

    private static Command Merge(Terminal terminal)
    {
        var files = new Argument<string[]>("files") { Description = "result files of the shards", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "merged file", Required = true };
        var json = new Option<bool>("--json") { Description = "print {\"points\",\"files\",\"out\"}" };
        var command = new Command("merge", "Join the result files of a sharded sweep (the first result of each point is kept); refuses a missing, repeated, unfinished or foreign shard.") { files, output, json };
        command.SetAction(parse =>
        {
            string[] paths = parse.GetValue(files)!;
            foreach (string path in paths)
            {
                DistinctOutput.Require("out", parse.GetValue(output)!, path);
            }

            int count = SweepResultsFile.Merge(paths, parse.GetValue(output)!);
            terminal.Writer.WriteLine(parse.GetValue(json)
                ? Json.Serialize(new { Points = count, Files = paths, Out = parse.GetValue(output) })
                : $"{count} points from {paths.Length} files: {parse.GetValue(output)}");
            return 0;
        });
        return command;
    }
}
