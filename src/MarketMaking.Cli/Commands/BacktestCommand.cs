using System.CommandLine;
using MarketMaking.Cli.Options;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Risk;
using MarketMaking.Data.Files;
using MarketMaking.Learning.AdverseSelection;
using MarketMaking.Reporting;
using MarketMaking.Research.Arbitrage;
using MarketMaking.Research.Backtests;
using MarketMaking.Research.Hedging;
using MarketMaking.Research.Quoting;
using MarketMaking.Research.Replay;
using MarketMaking.Research.Reports;
using MarketMaking.Research.Runs;
using MarketMaking.Research.Sweeps;
using MarketMaking.Simulation.Bars;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Hedging;
using MarketMaking.Strategies;
using MarketMaking.Strategies.Portfolio;
using Spectre.Console;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm backtest</c>: strategies replayed against recorded L2 data (book + trades, with shadow
/// queues, latency and fees: <see cref="ReplayBacktest"/>) or against bars (<see cref="BarBacktest"/>).
/// The command translates its options into the library's settings and prints the results.
/// </summary>
internal static class BacktestCommand
{
    public static Command Create(Terminal terminal)
    {
        var data = new Option<string[]>("--data") { Description = "data file (gz and zip are read directly); a second --data is the hedge instrument (with --hedge)", Required = true };
        var format = new Option<string[]>("--format") { Description = $"data format, one for every file or one per --data (repeated or comma-separated): {string.Join(", ", MarketDataFormats.Names)}" };
        var bars = new Option<bool>("--bars") { Description = "the file holds bars (default format ohlcv): a bar backtest" };
        var lotSize = new Option<double?>("--lot-size") { Description = "quantity grid (default: inferred)" };
        var makerFee = new Option<double?>("--maker-fee") { Description = "maker fee rate, fraction of notional (negative: rebate)" };
        var sigma = new Option<double?>("--sigma") { Description = "σ per √s in price units (overrides the calibration)" };
        var a = new Option<double?>("--A") { Description = "fill intensity A per second (overrides the calibration)" };
        var kappa = new Option<double?>("--kappa") { Description = "fill decay κ per price unit (overrides the calibration)" };
        var horizon = new Option<double>("--horizon") { Description = "T − t the finite-horizon models quote with (s)", DefaultValueFactory = _ => 60 };
        var slippage = new Option<double>("--slippage-bps") { Description = "fill price moved against us, basis points (bars and L2 replay)", DefaultValueFactory = _ => 0 };
        var maxPosition = new Option<double?>("--max-position") { Description = "position limit in instrument units" };
        var maxLoss = new Option<double?>("--max-loss") { Description = "kill switch: stop quoting below this net loss" };
        var seed = new Option<int>("--seed") { Description = "seed of random latency and touch fills", DefaultValueFactory = _ => 1 };
        var replayOptions = new ReplayOptions();
        var barOptions = new BarOptions();
        var run = new RunOptions("runs/backtest");
        var strategies = new StrategyOptions("as");
        var guards = new GuardOptions();
        var mechanicsOptions = new QuotingMechanicsOptions();
        var hedgeOptions = new HedgeOptions();
        var arbitrageOptions = new ArbitrageOptions();
        var portfolioOptions = new PortfolioRiskOptions();
        var command = new Command("backtest", "Replay recorded data (L2 book + trades, or bars) against strategies.")
        {
            data, format, bars, lotSize, makerFee, sigma, a, kappa, horizon, slippage, maxPosition, maxLoss, seed,
        };
        replayOptions.AddTo(command);
        barOptions.AddTo(command);
        strategies.AddTo(command);
        guards.AddTo(command, trains: false); // recorded data: the detector comes from --guard-model
        mechanicsOptions.AddTo(command);
        hedgeOptions.AddTo(command);
        arbitrageOptions.AddTo(command);
        portfolioOptions.AddTo(command);
        run.AddTo(command, monteCarlo: false);
        command.SetAction(parse =>
        {
            string[] paths = parse.GetValue(data)!;
            string path = paths[0];
            bool isBars = parse.GetValue(bars);
            string[] formatNames = Formats(parse.GetValue(format) ?? [], paths, isBars);
            string formatName = formatNames[0];
            BadRowPolicy policy = replayOptions.Policy(parse);
            HedgeMode? hedgeMode = hedgeOptions.Mode(parse);
            bool arbitrage = arbitrageOptions.Scan(parse);
            if (paths.Length > 1 && (isBars || (hedgeMode is null && !arbitrage)))
            {
                throw new InvalidParameterException("data", isBars ? "a bar backtest reads one file" : "two --data files: say how the second hedges the first (--hedge beta, cross-venue or none), or scan them for arbitrage (--arbitrage)");
            }

            hedgeOptions.RefuseUnread(parse, hedgeMode);
            arbitrageOptions.RefuseUnread(parse);
            if (portfolioOptions.Given(parse) && hedgeMode is null)
            {
                throw new InvalidParameterException("max-exposure", "portfolio limits (--max-exposure, --max-net-exposure, --max-gross-notional) need a hedged backtest (two --data files and --hedge)");
            }

            if (arbitrage && paths.Length < 2)
            {
                throw new InvalidParameterException("arbitrage", "needs at least two --data files of the same asset");
            }

            if (paths.Length == 1 && hedgeMode is not null)
            {
                throw new InvalidParameterException("hedge", "needs a second --data file: the hedge instrument");
            }

            // Every option is checked before the data is touched.
            Array.ForEach(formatNames, f => MarketDataFormats.Parse(f));
            IReadOnlyList<StrategyChoice> chosen = isBars ? strategies.WithoutBook(parse, "a bar backtest") : strategies.Strategies(parse);
            if (isBars)
            {
                replayOptions.RefuseReplayOnly(parse, "a bar backtest");
            }
            else
            {
                strategies.RefuseUpdateFrequency(parse, "a replay");
            }

            if (hedgeMode == HedgeMode.CrossVenue)
            {
                strategies.RefuseUnread(parse, "--hedge cross-venue", ["order_size"]); // its quotes' size; the hedge book prices them
            }
            else
            {
                strategies.RefuseUnreadBy(parse, chosen, isBars ? BarSweep.RunParameters : ReplaySweep.RunParameters);
            }

            guards.RefuseUnread(parse, chosen.Any(s => s.Guarded));
            GuardSetup? guard = null;
            AdverseSelectionDetector? detector = null;
            if (chosen.Any(s => s.Guarded))
            {
                guard = guards.Setup(parse);
                detector = AdverseSelectionDetector.Load(guard.ModelPath ?? throw new InvalidParameterException("guard-model", "a guarded strategy on recorded data needs a detector: train one with 'mm train detector' and pass --guard-model"));
            }

            QuotingMechanics mechanics = mechanicsOptions.Mechanics(parse);
            var risk = new RiskLimits { MaxPosition = parse.GetValue(maxPosition) ?? double.PositiveInfinity, MaxLoss = parse.GetValue(maxLoss) ?? double.PositiveInfinity }.Validate();
            Func<ArbitrageSummary>? scanFiles = null;
            if (arbitrage)
            {
                LatencySpec legLatency = replayOptions.Setup(parse, parse.GetValue(makerFee), parse.GetValue(seed)).Latency;
                IReadOnlyList<double?> fees = arbitrageOptions.Fees(parse, paths.Length, replayOptions.TakerFee(parse));
                double? takeSize = arbitrageOptions.TakeSize(parse);
                scanFiles = () => ArbitrageReplay.Run([.. paths.Zip(formatNames)], fees, legLatency, parse.GetValue(seed), takeSize, policy);
                if (hedgeMode is null)
                {
                    return ReportArbitrage(terminal, parse, run, scanFiles());
                }
            }

            // σ, A, κ as given: the others are calibrated or defaulted, and the report says which.
            (double? Sigma, double? A, double? Kappa) given = (parse.GetValue(sigma), parse.GetValue(a), parse.GetValue(kappa));
            BacktestRun backtest;
            ArbitrageSummary? scan = null;
            IReadOnlyList<(string Label, HedgeSummary Summary)> hedges = [];
            if (hedgeMode is { } mode)
            {
                if (run.InitialInventory(parse) != 0)
                {
                    throw new InvalidParameterException("q0", "a hedged backtest starts flat");
                }

                HedgeSettings hedgeSettings = hedgeOptions.Settings(parse, mode);
                PortfolioRiskLimits checkedLimits = portfolioOptions.Limits(parse, paths.Length); // checked even when no limit is given
                PortfolioRiskLimits? portfolioLimits = portfolioOptions.Given(parse) ? QuotedOnly(checkedLimits) : null;
                double blockSeconds = hedgeOptions.BlockSeconds(parse);
                double minProfitability = hedgeOptions.MinProfitability(parse);
                ReplaySetup setup = replayOptions.Setup(parse, parse.GetValue(makerFee), parse.GetValue(seed));
                var hedged = HedgedReplayBacktest.Open(
                    paths[0], formatNames[0], [.. paths.Skip(1).Zip(formatNames.Skip(1))], setup,
                    replayOptions.DataOptions(parse, parse.GetValue(lotSize)), new MarketDataOptions { OnBadRow = policy },
                    hedgeOptions.HedgeTakerFee(parse) ?? replayOptions.TakerFee(parse));
                Instrument quoted = hedged.Session.DataInstrument, hedgeInstrument = hedged.HedgeInstrument;
                double tick = quoted.TickSize;
                StrategySettings settings = strategies.Resolve(parse, hedged.Baseline(given.Sigma, given.A, given.Kappa, parse.GetValue(horizon)));
                RunSettings runSettings = mechanics.Apply(ReplayBacktest.Settings(risk, 0, parse.GetValue(slippage)), tick);
                IEnumerable<(string, Func<HedgeVenue, IQuotingStrategy>)> makers;
                DescribedSettings described;
                if (mode == HedgeMode.CrossVenue)
                {
                    // Whole lots on both venues, so every fill can be hedged exactly.
                    double lot = Math.Max(quoted.LotSize, hedgeInstrument.LotSize);
                    double quantity = Math.Ceiling((settings.OrderQuantity / lot) - 1e-9) * lot;
                    double quotedMakerFee = setup.MakerFeeRate ?? quoted.MakerFeeRate;
                    makers = [("cross-venue", venue => new CrossVenueQuotes(venue.HedgeBook, hedgeInstrument.TickSize, hedgeInstrument.TakerFeeRate, quotedMakerFee, minProfitability, tick, quantity))];
                    described = new DescribedSettings(settings, new HashSet<string>(StringComparer.Ordinal) { "order_size" }); // its quotes' size; the hedge book prices them
                }
                else
                {
                    StrategyFactory factory = strategies.Factory(parse);
                    makers = chosen.Select(s => (s.Label, (Func<HedgeVenue, IQuotingStrategy>)(_ =>
                    {
                        IQuotingStrategy strategy = factory.Create(s.Name, settings, tick);
                        strategy = s.Guarded ? guard!.Wrap(strategy, detector, tick) : strategy;
                        return mechanics.Wrap(strategy, tick, settings.OrderQuantity);
                    })));
                    described = DescribedSettings.For(settings, chosen.Select(s => s.Name));
                }

                (backtest, IReadOnlyList<HedgedRun> runs) = hedged.RunAll(makers, runSettings, hedgeSettings, blockSeconds, described, given, minProfitability, portfolioLimits);
                scan = scanFiles?.Invoke();
                hedges = [.. runs.Select(r => (r.Quoted.Strategy, r.Hedge))];
            }
            else if (isBars)
            {
                BarSettings barSettings = barOptions.Settings(parse, parse.GetValue(slippage), parse.GetValue(seed));
                Instrument instrument = BarOptions.Instrument(parse, path, replayOptions, parse.GetValue(lotSize), parse.GetValue(makerFee));
                BarBacktest bars = BarBacktest.Open(path, formatName, instrument, barSettings, policy);
                StrategySettings settings = strategies.Resolve(parse, bars.Baseline(given.Sigma, given.A, given.Kappa, parse.GetValue(horizon)));
                RunSettings runSettings = mechanics.Apply(bars.Settings(settings, risk), instrument.TickSize);
                backtest = bars.RunAll(
                    chosen.Select(s => (s.Label, mechanics.Wrap(StrategyCatalog.Create(s.Name, settings), instrument.TickSize, settings.OrderQuantity))),
                    runSettings,
                    DescribedSettings.For(settings, chosen.Select(s => s.Name)));
            }
            else
            {
                ReplaySetup setup = replayOptions.Setup(parse, parse.GetValue(makerFee), parse.GetValue(seed));
                var replay = ReplayBacktest.Open(path, formatName, setup, replayOptions.DataOptions(parse, parse.GetValue(lotSize)));
                double tick = replay.Instrument.TickSize;
                StrategySettings settings = strategies.Resolve(parse, replay.Baseline(given.Sigma, given.A, given.Kappa, parse.GetValue(horizon)));
                StrategyFactory factory = strategies.Factory(parse);
                RunSettings runSettings = mechanics.Apply(ReplayBacktest.Settings(risk, run.InitialInventory(parse), parse.GetValue(slippage)), tick);
                backtest = replay.RunAll(
                    chosen.Select(s =>
                    {
                        IQuotingStrategy strategy = factory.Create(s.Name, settings, tick);
                        strategy = s.Guarded ? guard!.Wrap(strategy, detector, tick) : strategy;
                        return (s.Label, mechanics.Wrap(strategy, tick, settings.OrderQuantity));
                    }),
                    runSettings,
                    DescribedSettings.For(settings, chosen.Select(s => s.Name)),
                    given);
            }

            IReadOnlyList<RunRow> rows = backtest.Rows;
            var config = new { Command = "backtest", Arguments = Configuration.CommandLine.Current, Settings = backtest.Settings.ToDictionary(kv => kv.Key, kv => kv.Value) };
            var hedgeResults = hedges.Select(h => new { Strategy = h.Label, h.Summary }).ToList();
            object results = hedges.Count == 0 ? new { Results = rows } : scan is null ? new { Results = rows, Hedges = hedgeResults } : new { Results = rows, Hedges = hedgeResults, Arbitrage = scan };
            ReportDocument report = backtest.Report("mm backtest");
            ReportSection[] arbitrageSections = scan is null ? [] : [ArbitrageReport.Section(scan)];
            report = report with { Sections = [.. report.Sections.Take(1), .. hedges.Select(h => HedgeReport.Section(h.Label, h.Summary)), .. arbitrageSections, .. report.Sections.Skip(1)] };
            SavedRun? folder = run.Save(parse, config, results, report);
            if (parse.GetValue(run.Json))
            {
                terminal.Writer.WriteLine(Json.Serialize(results));
                return 0;
            }

            RunTable.Write(terminal, rows, backtest.Subtitle);
            foreach ((string label, HedgeSummary summary) in hedges)
            {
                terminal.Writer.WriteLine($"{label}: {summary.QuotedSymbol} PnL {summary.QuotedPnl.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)}, {summary.HedgeSymbol} PnL {summary.HedgePnl.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)}, portfolio {summary.PortfolioPnl.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)}");
                foreach (var line in HedgeReport.Lines(summary))
                {
                    terminal.Writer.WriteLine($"  {line.Key}: {line.Value}");
                }
            }

            if (scan is not null)
            {
                WriteArbitrage(terminal, scan);
            }

            foreach (var item in backtest.Settings.Skip(1))
            {
                terminal.Writer.WriteLine($"{item.Key}: {item.Value}");
            }

            if (folder is not null)
            {
                terminal.Writer.WriteLine($"run folder: {folder}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>--max-exposure bounds the quoted instrument; each hedge, which exists to offset it, keeps only its σ_ref (for the portfolio's scale).</summary>
    private static PortfolioRiskLimits QuotedOnly(PortfolioRiskLimits limits) =>
        limits with { Instruments = [limits.Instruments[0], .. limits.Instruments.Skip(1).Select(i => i with { MaxExposure = double.PositiveInfinity })] };

    /// <summary>A scan without a strategy: the pairs' table and the takes, saved and printed.</summary>
    private static int ReportArbitrage(Terminal terminal, ParseResult parse, RunOptions run, ArbitrageSummary scan)
    {
        var config = new { Command = "backtest", Arguments = Configuration.CommandLine.Current };
        var results = new { Arbitrage = scan };
        var report = new ReportDocument("mm backtest", string.Join(" / ", scan.Venues), [ArbitrageReport.Section(scan)]);
        SavedRun? folder = run.Save(parse, config, results, report);
        if (parse.GetValue(run.Json))
        {
            terminal.Writer.WriteLine(Json.Serialize(results));
            return 0;
        }

        WriteArbitrage(terminal, scan);
        if (folder is not null)
        {
            terminal.Writer.WriteLine($"run folder: {folder}");
        }

        return 0;
    }

    private static void WriteArbitrage(Terminal terminal, ArbitrageSummary scan)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("cross-venue arbitrage after taker fees");
        foreach (string header in ArbitrageReport.Headers)
        {
            table.AddColumn(Markup.Escape(header));
        }

        foreach (IReadOnlyList<string> row in ArbitrageReport.Rows(scan))
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }

        terminal.Console.Write(table);
        foreach (var line in ArbitrageReport.Lines(scan))
        {
            terminal.Writer.WriteLine($"{line.Key}: {line.Value}");
        }
    }

    /// <summary>One format per file (repeated or comma-separated): as many as files, or one for all (bars default to the file's own; .mmev files, which say what they are, to mmev).</summary>
    internal static string[] Formats(string[] named, string[] paths, bool isBars)
    {
        string[] given = [.. named.SelectMany(f => f.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];
        if (given.Length == 0)
        {
            return isBars ? [.. paths.Select(BarFiles.DefaultFormat)]
                : paths.All(MarketDataFormats.IsMmev) ? [.. paths.Select(_ => "mmev")]
                : throw new InvalidParameterException("format", "name the data format (--format)");
        }

        if (given.Length == paths.Length)
        {
            return given;
        }

        return given.Length == 1 ? [.. paths.Select(_ => given[0])] : throw new InvalidParameterException("format", $"give one --format for every file or one per --data ({paths.Length} files, {given.Length} formats)");
    }
}
