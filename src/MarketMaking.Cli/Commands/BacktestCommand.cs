using System.CommandLine;
using System.Globalization;
using MarketMaking.Cli.Options;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Metrics;
using MarketMaking.Core.Risk;
using MarketMaking.Data.Files;
using MarketMaking.Learning.AdverseSelection;
using MarketMaking.Signals.Calibration;
using MarketMaking.Simulation.Bars;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Replay;
using MarketMaking.Strategies;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm backtest</c>: strategies replayed against recorded L2 data (book + trades, with shadow
/// queues, latency and fees) or against bars. On L2 data σ, A and κ are calibrated on the first
/// part of the file, which is then not traded, so the strategy never trades on data it was fitted to.
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
        var fillRule = new Option<string>("--fill-on") { Description = "bars: through, touch or probability", DefaultValueFactory = _ => "through" };
        var touchProbability = new Option<double>("--touch-probability") { Description = "bars: fill probability on a touch", DefaultValueFactory = _ => 0.5 };
        var slippage = new Option<double>("--slippage-bps") { Description = "fill price moved against us, basis points (bars and L2 replay)", DefaultValueFactory = _ => 0 };
        var maxPosition = new Option<double?>("--max-position") { Description = "position limit in instrument units" };
        var maxLoss = new Option<double?>("--max-loss") { Description = "kill switch: stop quoting below this net loss" };
        var seed = new Option<int>("--seed") { Description = "seed of random latency and touch fills", DefaultValueFactory = _ => 1 };
        var replayOptions = new ReplayOptions();
        var run = new RunOptions("runs/backtest");
        var strategies = new StrategyOptions("as");
        var guard = new GuardOptions();
        var mechanics = new QuotingMechanicsOptions();
        var command = new Command("backtest", "Replay recorded data (L2 book + trades, or bars) against strategies.")
        {
            data, format, bars, lotSize, makerFee, sigma, a, kappa, horizon, fillRule, touchProbability, slippage, maxPosition, maxLoss, seed,
        };
        replayOptions.AddTo(command);
        strategies.AddTo(command);
        guard.AddTo(command);
        mechanics.AddTo(command);
        run.AddTo(command);
        command.SetAction(parse =>
        {
            string path = parse.GetValue(data)!;
            bool isBars = parse.GetValue(bars);
            string formatName = parse.GetValue(format) ?? (isBars ? (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "bybit-kline" : "ohlcv") : throw new InvalidParameterException("format", "name the data format (--format)"));
            BadRowPolicy policy = replayOptions.Policy(parse);

            // Every option is checked before the data is touched.
            MarketDataFormats.Parse(formatName);
            if (isBars)
            {
                _ = strategies.WithoutBook(parse, "a bar backtest");
            }

            bool anyGuarded = strategies.Strategies(parse).Any(s => s.Guarded);
            AdverseSelectionDetector? detector = null;
            if (anyGuarded)
            {
                _ = guard.Settings(parse, 1);
                _ = guard.Features(parse);
                detector = AdverseSelectionDetector.Load(guard.ModelPath(parse) ?? throw new InvalidParameterException("guard-model", "a guarded strategy on recorded data needs a detector: train one with 'mm train detector' and pass --guard-model"));
            }
            var risk = new RiskLimits { MaxPosition = parse.GetValue(maxPosition) ?? double.PositiveInfinity, MaxLoss = parse.GetValue(maxLoss) ?? double.PositiveInfinity }.Validate();
            MetricsOptions metrics = ReplayOptions.RecordedDataMetrics(risk.MaxPosition);
            var settingsItems = new List<KeyValuePair<string, string>> { new("data", $"{path} ({formatName})") };
            var results = new List<RunResult>();
            string subtitle;
            if (isBars)
            {
                var barSettings = new BarSettings
                {
                    FillRule = parse.GetValue(fillRule) switch
                    {
                        "through" => BarFillRule.Through,
                        "touch" => BarFillRule.Touch,
                        "probability" => BarFillRule.TouchWithProbability,
                        var other => throw new InvalidParameterException("fill-on", $"unknown rule '{other}'; known: through, touch, probability"),
                    },
                    TouchFillProbability = parse.GetValue(touchProbability),
                    SlippageBps = parse.GetValue(slippage),
                    Seed = parse.GetValue(seed),
                }.Validate();
                var instrument = new Instrument(replayOptions.Symbol(parse) ?? Path.GetFileNameWithoutExtension(path), replayOptions.TickSize(parse) ?? 0.01, parse.GetValue(lotSize) ?? 0.001, parse.GetValue(makerFee) ?? 0, replayOptions.TakerFee(parse) ?? 0);
                StrategySettings settings = strategies.Resolve(parse, new StrategySettings { Sigma = parse.GetValue(sigma) ?? 2, A = parse.GetValue(a) ?? 140, Kappa = parse.GetValue(kappa) ?? 1.5, Horizon = parse.GetValue(horizon) });
                double barSeconds = BarSeconds(path, formatName, policy);
                BarReader? lastReader = null;
                foreach ((string label, string name) in strategies.WithoutBook(parse, "a bar backtest"))
                {
                    BarReader reader = MarketDataFormats.OpenBars(path, formatName, policy);
                    lastReader = reader;
                    var market = new BarMarket(reader, instrument, barSettings);

                    // update_freq counts bars here.
                    var runSettings = mechanics.Apply(parse, new RunSettings { Risk = risk, Metrics = metrics with { SamplePeriod = barSeconds }, DecisionInterval = Math.Max(1, settings.UpdateInterval) * barSeconds - 1e-9, RecordSeries = true }, instrument.TickSize);
                    results.Add(EventLoop.Run(market, mechanics.Wrap(parse, StrategyCatalog.Create(name, settings), instrument.TickSize, settings.OrderQuantity), runSettings) with { Strategy = label });
                    settingsItems.Add(new($"{label}: bars played", market.BarsPlayed.ToString(CultureInfo.InvariantCulture)));
                }

                settingsItems.Add(new("bars", $"{barSeconds} s each; fills {parse.GetValue(fillRule)}; slippage {parse.GetValue(slippage)} bp; update_freq {Math.Max(1, settings.UpdateInterval)} bars"));
                settingsItems.Add(new("data quality", lastReader is null ? "none" : BadRowText.Describe(lastReader.BadRows)));
                AddStrategySettings(settingsItems, settings);
                subtitle = $"bar backtest of {path}";
            }
            else
            {
                MarketDataOptions options = replayOptions.DataOptions(parse, parse.GetValue(lotSize));
                ReplaySession replay = replayOptions.Open(parse, parse.GetValue(makerFee), parse.GetValue(seed), () => MarketDataFormats.Open(path, formatName, options));
                Instrument dataInstrument = replay.DataInstrument;
                StrategySettings settings = strategies.Resolve(parse, replay.Baseline(parse.GetValue(sigma), parse.GetValue(a), parse.GetValue(kappa), parse.GetValue(horizon)));
                MarketDataReader? lastReader = null;
                ReplayMarket? lastMarket = null;
                foreach ((string label, string name, bool guarded) in strategies.Strategies(parse))
                {
                    using MarketDataReader reader = MarketDataFormats.Open(path, formatName, options);
                    var runSettings = mechanics.Apply(parse, new RunSettings { Risk = risk, Metrics = metrics, RecordSeries = true, InitialInventory = run.InitialInventory(parse), SlippageBps = parse.GetValue(slippage) }, dataInstrument.TickSize);
                    IQuotingStrategy strategy = strategies.Create(parse, name, settings, dataInstrument.TickSize);
                    if (guarded)
                    {
                        strategy = new AdverseSelectionGuard(strategy, detector, guard.Settings(parse, dataInstrument.TickSize), guard.Features(parse));
                    }

                    strategy = mechanics.Wrap(parse, strategy, dataInstrument.TickSize, settings.OrderQuantity);
                    ReplayMarket market = replay.Market(reader, strategy);
                    results.Add(EventLoop.Run(market, strategy, runSettings) with { Strategy = label });
                    lastReader = reader;
                    lastMarket = market;
                }

                settingsItems.Add(new("instrument", $"{dataInstrument.Symbol}: tick {dataInstrument.TickSize.ToString(CultureInfo.InvariantCulture)}, lot {dataInstrument.LotSize.ToString(CultureInfo.InvariantCulture)}, maker fee {lastMarket!.Instrument.MakerFeeRate.ToString(CultureInfo.InvariantCulture)}, taker fee {lastMarket.Instrument.TakerFeeRate.ToString(CultureInfo.InvariantCulture)}"));
                settingsItems.Add(new("calibration", replay.CalibrationText));
                settingsItems.Add(new("execution", replay.ExecutionText));
                ReplayStatistics stats = lastMarket.Statistics;
                settingsItems.Add(new("replay", $"{stats.Events:N0} events in {stats.Batches:N0} messages; our orders refused as crossing {stats.OrdersRejectedAsCrossing}; fills by queue {stats.FillsByQueue}, by trade-through {stats.FillsThroughTradedPrice}, by book crossing {stats.FillsByBookCrossing}"));
                settingsItems.Add(new("data quality", BadRowText.Describe(lastReader!.BadRows)));
                AddStrategySettings(settingsItems, settings);
                subtitle = $"replay of {path}";
            }

            List<RunRow> rows = results.Select(RunRow.From).ToList();
            var config = new { Command = "backtest", Arguments = parse.Tokens.Select(t => t.Value), Settings = settingsItems.ToDictionary(kv => kv.Key, kv => kv.Value) };
            string? folder = run.Save(parse, config, new { Results = rows }, ReportBuilder.Backtest("mm backtest", subtitle, results, settingsItems));
            if (parse.GetValue(run.Json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new { Results = rows }));
                return 0;
            }

            RunTable.Write(terminal, rows, subtitle);
            foreach (var item in settingsItems.Skip(1))
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

    private static void AddStrategySettings(List<KeyValuePair<string, string>> items, StrategySettings s) =>
        items.Add(new("strategy settings", string.Create(
            CultureInfo.InvariantCulture,
            $"γ {s.Gamma}, σ {s.Sigma:G4}, A {s.A:G4}, κ {s.Kappa:G4}, T {s.Horizon}, order size {s.OrderQuantity}, max inventory {s.MaxInventory}, spread {s.SpreadBps} bp, skew factor {s.SkewFactor}")));

    private static double BarSeconds(string path, string format, BadRowPolicy policy)
    {
        BarReader reader = MarketDataFormats.OpenBars(path, format, policy);
        long[] times = reader.Take(2).Select(b => b.OpenTime).ToArray();
        return times.Length == 2 ? (times[1] - times[0]) / 1e9 : throw new InvalidParameterException("data", $"{path} holds fewer than two bars");
    }
}
