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
using MarketMaking.Signals.Features;
using MarketMaking.Simulation.Bars;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Exchange;
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
    private static readonly double[] MarkoutSeconds = [1, 5, 30];

    public static Command Create(Terminal terminal)
    {
        var data = new Option<string>("--data") { Description = "data file (gz and zip are read directly)", Required = true };
        var format = new Option<string?>("--format") { Description = $"data format: {string.Join(", ", MarketDataFormats.Names)}" };
        var bars = new Option<bool>("--bars") { Description = "the file holds bars (default format ohlcv): a bar backtest" };
        var symbol = new Option<string?>("--symbol") { Description = "instrument symbol (default: from the data)" };
        var tickSize = new Option<double?>("--tick-size") { Description = "price grid (default: inferred from the data's decimals)" };
        var lotSize = new Option<double?>("--lot-size") { Description = "quantity grid (default: inferred)" };
        var makerFee = new Option<double?>("--maker-fee") { Description = "maker fee rate, fraction of notional (negative: rebate)" };
        var takerFee = new Option<double?>("--taker-fee") { Description = "taker fee rate" };
        var onBadRow = new Option<string>("--on-bad-row") { Description = "stop or skip (skips are counted in the report)", DefaultValueFactory = _ => "stop" };
        var queueModel = new Option<string>("--queue-model") { Description = "risk-averse, power or log", DefaultValueFactory = _ => "risk-averse" };
        var queuePower = new Option<double>("--queue-power") { Description = "exponent n of the power queue model", DefaultValueFactory = _ => 2 };
        var latency = new Option<string>("--latency") { Description = "order entry latency, e.g. 5ms; 'recorded' draws each from the data's own receive delays (local − exchange time)", DefaultValueFactory = _ => "0ms" };
        var cancelLatency = new Option<string?>("--cancel-latency") { Description = "cancel latency (default: the entry latency)" };
        var latencyJitter = new Option<double>("--latency-jitter") { Description = "log-std of a lognormal latency around the median (0: constant)", DefaultValueFactory = _ => 0 };
        var requote = new Option<string>("--requote-interval") { Description = "least time between decisions (a fill triggers one at once)", DefaultValueFactory = _ => "100ms" };
        var calibrate = new Option<string>("--calibrate") { Description = "data at the start used to calibrate σ, A, κ and not traded (0s: none)", DefaultValueFactory = _ => "60s" };
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
        var run = new RunOptions("runs/backtest");
        var strategies = new StrategyOptions("as");
        var guard = new GuardOptions();
        var mechanics = new QuotingMechanicsOptions();
        var command = new Command("backtest", "Replay recorded data (L2 book + trades, or bars) against strategies.")
        {
            data, format, bars, symbol, tickSize, lotSize, makerFee, takerFee, onBadRow, queueModel, queuePower, latency, cancelLatency,
            latencyJitter, requote, calibrate, sigma, a, kappa, horizon, fillRule, touchProbability, slippage, maxPosition, maxLoss, seed,
        };
        strategies.AddTo(command);
        guard.AddTo(command);
        mechanics.AddTo(command);
        run.AddTo(command);
        command.SetAction(parse =>
        {
            string path = parse.GetValue(data)!;
            bool isBars = parse.GetValue(bars);
            string formatName = parse.GetValue(format) ?? (isBars ? (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "bybit-kline" : "ohlcv") : throw new InvalidParameterException("format", "name the data format (--format)"));
            BadRowPolicy policy = BadRowText.ParsePolicy(parse.GetValue(onBadRow)!);

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
            var metrics = new MetricsOptions
            {
                MarkoutHorizons = MarkoutSeconds,
                SamplePeriod = 1,
                PeriodsPerYear = 365.0 * 24 * 3600, // crypto trades around the clock
                InventoryLimit = risk.MaxPosition,
            };
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
                var instrument = new Instrument(parse.GetValue(symbol) ?? Path.GetFileNameWithoutExtension(path), parse.GetValue(tickSize) ?? 0.01, parse.GetValue(lotSize) ?? 0.001, parse.GetValue(makerFee) ?? 0, parse.GetValue(takerFee) ?? 0);
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
                TimeSpan warmUp = Durations.Parse("calibrate", parse.GetValue(calibrate)!, allowZero: true);
                ReplaySettings replay = new()
                {
                    QueueModel = parse.GetValue(queueModel) switch
                    {
                        "risk-averse" => new RiskAverseQueueModel(),
                        "power" => ProbabilisticQueueModel.Power(parse.GetValue(queuePower)),
                        "log" => ProbabilisticQueueModel.Log(),
                        var other => throw new InvalidParameterException("queue-model", $"unknown model '{other}'; known: risk-averse, power, log"),
                    },
                    RequoteInterval = Durations.Nanoseconds(Durations.Parse("requote-interval", parse.GetValue(requote)!, allowZero: true)),
                    StartAfter = Durations.Nanoseconds(warmUp),
                    MakerFeeRate = parse.GetValue(makerFee),
                    TakerFeeRate = parse.GetValue(takerFee),
                };
                bool recorded = parse.GetValue(latency) == "recorded";
                long entry = recorded ? 0 : Durations.Nanoseconds(Durations.Parse("latency", parse.GetValue(latency)!, allowZero: true));
                string? cancelText = parse.GetValue(cancelLatency);
                long cancel = cancelText is null ? entry : Durations.Nanoseconds(Durations.Parse("cancel-latency", cancelText, allowZero: true));
                double jitter = InvalidParameterException.RequireNonNegative("latency-jitter", parse.GetValue(latencyJitter));
                var options = new MarketDataOptions { Symbol = parse.GetValue(symbol), TickSize = parse.GetValue(tickSize), LotSize = parse.GetValue(lotSize), OnBadRow = policy };
                long[] recordedLatencies = recorded ? RecordedLatencies(path, formatName, options) : [];
                CalibrationResult? calibration = null;
                Instrument dataInstrument;
                using (MarketDataReader probe = MarketDataFormats.Open(path, formatName, options))
                {
                    dataInstrument = probe.Instrument;
                    if (warmUp > TimeSpan.Zero)
                    {
                        calibration = Calibrate(probe, warmUp);
                    }
                }

                double tick = dataInstrument.TickSize;
                StrategySettings settings = strategies.Resolve(parse, new StrategySettings
                {
                    Sigma = parse.GetValue(sigma) ?? calibration?.Sigma.Value ?? 2,
                    A = parse.GetValue(a) ?? calibration?.A.Value ?? 140,
                    Kappa = parse.GetValue(kappa) ?? calibration?.Kappa.Value ?? 1.5,
                    Horizon = parse.GetValue(horizon),
                    OrderQuantity = dataInstrument.LotSize,
                });
                MarketDataReader? lastReader = null;
                ReplayMarket? lastMarket = null;
                foreach ((string label, string name, bool guarded) in strategies.Strategies(parse))
                {
                    using MarketDataReader reader = MarketDataFormats.Open(path, formatName, options);
                    ILatencyModel latencyModel = recorded
                        ? new EmpiricalLatency(recordedLatencies, parse.GetValue(seed))
                        : jitter > 0 && entry > 0 ? new LognormalLatency(entry, jitter, parse.GetValue(seed)) : new ConstantLatency(entry, cancel);
                    var market = new ReplayMarket(reader, replay with { Latency = latencyModel });
                    var runSettings = mechanics.Apply(parse, new RunSettings { Risk = risk, Metrics = metrics, RecordSeries = true, InitialInventory = run.InitialInventory(parse), SlippageBps = parse.GetValue(slippage) }, dataInstrument.TickSize);
                    IQuotingStrategy strategy = strategies.Create(parse, name, settings, dataInstrument.TickSize);
                    if (guarded)
                    {
                        strategy = new AdverseSelectionGuard(strategy, detector, guard.Settings(parse, dataInstrument.TickSize), guard.Features(parse));
                    }

                    strategy = mechanics.Wrap(parse, strategy, dataInstrument.TickSize, settings.OrderQuantity);

                    if (strategy is IReadsMarketFeatures { FeatureSettings: { } features })
                    {
                        market.Features = new MarketFeatures(features);
                    }

                    results.Add(EventLoop.Run(market, strategy, runSettings) with { Strategy = label });
                    lastReader = reader;
                    lastMarket = market;
                }

                settingsItems.Add(new("instrument", $"{dataInstrument.Symbol}: tick {dataInstrument.TickSize.ToString(CultureInfo.InvariantCulture)}, lot {dataInstrument.LotSize.ToString(CultureInfo.InvariantCulture)}, maker fee {lastMarket!.Instrument.MakerFeeRate.ToString(CultureInfo.InvariantCulture)}, taker fee {lastMarket.Instrument.TakerFeeRate.ToString(CultureInfo.InvariantCulture)}"));
                settingsItems.Add(new("calibration", calibration is null ? "none (parameters given)" : Describe(calibration, warmUp)));
                string latencyText = recorded
                    ? string.Create(CultureInfo.InvariantCulture, $"recorded: {recordedLatencies.Length:N0} receive delays of the data above the fastest, median {Median(recordedLatencies) / 1e6:G4} ms")
                    : $"{parse.GetValue(latency)} entry, {cancelText ?? parse.GetValue(latency)} cancel{(jitter > 0 ? $", lognormal log-std {jitter}" : string.Empty)}";
                settingsItems.Add(new("execution", $"queue model {parse.GetValue(queueModel)}; latency {latencyText}; requote interval {parse.GetValue(requote)}"));
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

    /// <summary>σ, A and κ in price units from the first <paramref name="window"/> of the data.</summary>
    private static CalibrationResult Calibrate(MarketDataReader source, TimeSpan window)
    {
        try
        {
            return CalibratorFor().Calibrate(source, window).InPriceUnits(source.Instrument.TickSize);
        }
        catch (InsufficientDataException e)
        {
            throw new InvalidParameterException("calibrate", $"{e.Message}; shorten it or give --sigma, --A and --kappa");
        }
    }

    /// <summary>Depth bins of one tick out to 200 ticks, σ from mids sampled every second.</summary>
    internal static MarketCalibrator CalibratorFor() =>
        new(new FillIntensityCalibrator(depthStep: 1, depthLevels: 200), new MidVolatilityEstimator(TimeSpan.FromSeconds(1)));

    /// <summary>
    /// Order latencies from the data's own receive delays (local − exchange time) over its first
    /// 100,000 events, measured from the fastest: a recorder's clock is rarely in step with the
    /// exchange's, and subtracting the minimum cancels the offset (it also drops the fastest
    /// message's own travel time, so these are latencies above the best case).
    /// </summary>
    private static long[] RecordedLatencies(string path, string format, MarketDataOptions options)
    {
        using MarketDataReader reader = MarketDataFormats.Open(path, format, options);
        var delays = new List<long>();
        Span<MarketEvent> buffer = new MarketEvent[4096];
        int count;
        while (delays.Count < 100_000 && (count = reader.Read(buffer)) > 0)
        {
            foreach (ref readonly MarketEvent e in buffer[..count])
            {
                delays.Add(e.LocalTime - e.ExchangeTime);
            }
        }

        if (delays.Count == 0)
        {
            throw new InvalidParameterException("latency", "the data holds no events to take latencies from");
        }

        long fastest = delays.Min();
        return delays.Select(d => d - fastest).ToArray();
    }

    private static double Median(long[] values)
    {
        long[] sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static string Describe(CalibrationResult c, TimeSpan window) => string.Create(
        CultureInfo.InvariantCulture,
        $"first {window.TotalSeconds:G} s: σ {c.Sigma.Value:G4} per √s [{c.Sigma.Lower:G4}, {c.Sigma.Upper:G4}], A {c.A.Value:G4}/s [{c.A.Lower:G4}, {c.A.Upper:G4}], κ {c.Kappa.Value:G4} per price unit [{c.Kappa.Lower:G4}, {c.Kappa.Upper:G4}]");

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
