using System.CommandLine;
using MarketMaking.Cli.Options;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Risk;
using MarketMaking.Data.Files;
using MarketMaking.Learning.AdverseSelection;
using MarketMaking.Research.Backtests;
using MarketMaking.Research.Quoting;
using MarketMaking.Research.Replay;
using MarketMaking.Research.Reports;
using MarketMaking.Research.Runs;
using MarketMaking.Simulation.Bars;
using MarketMaking.Simulation.Engine;
using MarketMaking.Strategies;

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
        var data = new Option<string>("--data") { Description = "data file (gz and zip are read directly)", Required = true };
        var format = new Option<string?>("--format") { Description = $"data format: {string.Join(", ", MarketDataFormats.Names)}" };
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
        var command = new Command("backtest", "Replay recorded data (L2 book + trades, or bars) against strategies.")
        {
            data, format, bars, lotSize, makerFee, sigma, a, kappa, horizon, slippage, maxPosition, maxLoss, seed,
        };
        replayOptions.AddTo(command);
        barOptions.AddTo(command);
        strategies.AddTo(command);
        guards.AddTo(command);
        mechanicsOptions.AddTo(command);
        run.AddTo(command);
        command.SetAction(parse =>
        {
            string path = parse.GetValue(data)!;
            bool isBars = parse.GetValue(bars);
            string formatName = parse.GetValue(format) ?? (isBars ? BarFiles.DefaultFormat(path) : throw new InvalidParameterException("format", "name the data format (--format)"));
            BadRowPolicy policy = replayOptions.Policy(parse);

            // Every option is checked before the data is touched.
            MarketDataFormats.Parse(formatName);
            IReadOnlyList<StrategyChoice> chosen = isBars ? strategies.WithoutBook(parse, "a bar backtest") : strategies.Strategies(parse);
            GuardSetup? guard = null;
            AdverseSelectionDetector? detector = null;
            if (chosen.Any(s => s.Guarded))
            {
                guard = guards.Setup(parse);
                detector = AdverseSelectionDetector.Load(guard.ModelPath ?? throw new InvalidParameterException("guard-model", "a guarded strategy on recorded data needs a detector: train one with 'mm train detector' and pass --guard-model"));
            }

            QuotingMechanics mechanics = mechanicsOptions.Mechanics(parse);
            var risk = new RiskLimits { MaxPosition = parse.GetValue(maxPosition) ?? double.PositiveInfinity, MaxLoss = parse.GetValue(maxLoss) ?? double.PositiveInfinity }.Validate();
            BacktestRun backtest;
            if (isBars)
            {
                BarSettings barSettings = barOptions.Settings(parse, parse.GetValue(slippage), parse.GetValue(seed));
                Instrument instrument = BarOptions.Instrument(parse, path, replayOptions, parse.GetValue(lotSize), parse.GetValue(makerFee));
                BarBacktest bars = BarBacktest.Open(path, formatName, instrument, barSettings, policy);
                StrategySettings settings = strategies.Resolve(parse, bars.Baseline(parse.GetValue(sigma), parse.GetValue(a), parse.GetValue(kappa), parse.GetValue(horizon)));
                RunSettings runSettings = mechanics.Apply(bars.Settings(settings, risk), instrument.TickSize);
                backtest = bars.RunAll(
                    chosen.Select(s => (s.Label, mechanics.Wrap(StrategyCatalog.Create(s.Name, settings), instrument.TickSize, settings.OrderQuantity))),
                    runSettings,
                    settings);
            }
            else
            {
                ReplaySetup setup = replayOptions.Setup(parse, parse.GetValue(makerFee), parse.GetValue(seed));
                var replay = ReplayBacktest.Open(path, formatName, setup, replayOptions.DataOptions(parse, parse.GetValue(lotSize)));
                double tick = replay.Instrument.TickSize;
                StrategySettings settings = strategies.Resolve(parse, replay.Baseline(parse.GetValue(sigma), parse.GetValue(a), parse.GetValue(kappa), parse.GetValue(horizon)));
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
                    settings);
            }

            IReadOnlyList<RunRow> rows = backtest.Rows;
            var config = new { Command = "backtest", Arguments = parse.Tokens.Select(t => t.Value), Settings = backtest.Settings.ToDictionary(kv => kv.Key, kv => kv.Value) };
            string? folder = run.Save(parse, config, new { Results = rows }, backtest.Report("mm backtest"));
            if (parse.GetValue(run.Json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new { Results = rows }));
                return 0;
            }

            RunTable.Write(terminal, rows, backtest.Subtitle);
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
}
