using System.CommandLine;
using System.Globalization;
using MarketMaking.Cli.Options;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Risk;
using MarketMaking.Data.Files;
using MarketMaking.Learning.AdverseSelection;
using MarketMaking.Learning.Supervised;
using MarketMaking.Research.Quoting;
using MarketMaking.Research.Runs;
using MarketMaking.Research.Simulations;
using MarketMaking.Simulation.Replay;
using MarketMaking.Strategies;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm train detector</c>: collect fills of a strategy on the agent-based market with the market's
/// features at each fill and whether its markout at the horizon was a loss, fit an L2 logistic
/// regression on the earlier part and report AUC, log-loss and calibration on the later part.
/// </summary>
internal static class TrainDetectorCommand
{
    public static Command Create(Terminal terminal)
    {
        var data = new Option<string?>("--data") { Description = "recorded L2 + trades file to collect fills from instead (replayed with queues)" };
        var format = new Option<string?>("--format") { Description = $"format of --data (an .mmev file needs none): {string.Join(", ", MarketDataFormats.Names)}" };
        var preset = new Option<string>("--preset") { Description = "market preset (liquid, thin, toxic) or a market .yaml file", DefaultValueFactory = _ => "toxic" };
        var runs = new Option<int>("--runs") { Description = "runs (seeds) of the market to collect fills from", DefaultValueFactory = _ => 20 };
        var strategy = new Option<string>("--strategy") { Description = "strategy whose fills are collected (default: a quoter that joins the touch)", DefaultValueFactory = _ => "touch" };
        var features = new Option<string>("--features") { Description = "comma-separated market features", DefaultValueFactory = _ => string.Join(',', FeatureSelection.Defaults) };
        var horizon = new Option<double>("--horizon") { Description = "seconds from a fill to its markout", DefaultValueFactory = _ => 10 };
        var threshold = new Option<double>("--loss-ticks") { Description = "a fill is adverse when its markout loses more than this many ticks", DefaultValueFactory = _ => 0 };
        var l2 = new Option<double>("--l2") { Description = "L2 penalty on the (standardized) weights", DefaultValueFactory = _ => 1 };
        var trainFraction = new Option<double>("--train-fraction") { Description = "earliest share of the fills used to fit; the rest tests", DefaultValueFactory = _ => 0.7 };
        var calibrateSeconds = new Option<double>("--calibrate-seconds") { Description = "seconds of the market's tape used to calibrate σ, A, κ", DefaultValueFactory = _ => 1800 };
        var output = new Option<string?>("--out") { Description = "model file to write (JSON)" };
        var csv = new Option<string?>("--csv") { Description = "also write the collected fills as CSV" };
        var seed = new Option<ulong>("--seed") { Description = "random seed (same seed, same numbers)", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var strategies = new StrategyOptions("as");
        var command = new Command("detector", "Train the adverse-selection detector (logistic regression) on fills in the agent-based market or in recorded data.")
        {
            data, format, preset, runs, strategy, features, horizon, threshold, l2, trainFraction, calibrateSeconds, output, csv, seed, json,
        };
        strategies.AddTo(command, includeStrategyList: false);
        command.SetAction(parse =>
        {
            var selection = new FeatureSelection(parse.GetValue(features)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            double horizonSeconds = InvalidParameterException.RequirePositive("horizon", parse.GetValue(horizon));
            double lossTicks = InvalidParameterException.RequireNonNegative("loss-ticks", parse.GetValue(threshold));
            string strategyName = StrategyChoice.CatalogName(parse.GetValue(strategy)!);
            StrategyFactory factory = strategies.Factory(parse);
            RequireWritable(parse.GetValue(output), parse.GetValue(csv));
            LabeledDataset collected;
            string described;
            if (parse.GetValue(data) is { } path)
            {
                string formatName = MarketDataFormats.NamedOrDetected(parse.GetValue(format), path) ?? throw new InvalidParameterException("format", "name the format of --data");
                MarketDataFormats.Parse(formatName);
                using MarketDataReader reader = MarketDataFormats.Open(path, formatName);
                IQuotingStrategy quoting = factory.Create(strategyName, strategies.Resolve(parse, new StrategySettings { OrderQuantity = reader.Instrument.LotSize }), reader.Instrument.TickSize);
                collected = AdverseFillSampler.FromReplay(reader, quoting, selection, horizonSeconds, lossTicks * reader.Instrument.TickSize, new ReplaySettings());
                described = $"{Path.GetFileName(path)}: {collected.Count} fills of {quoting.Name}";
            }
            else
            {
                int runCount = parse.GetValue(runs) is >= 2 and var r ? r : throw new InvalidParameterException("runs", $"need at least 2 runs (train and test), got {parse.GetValue(runs)}");
                ulong seedValue = parse.GetValue(seed);
                AgentMarketSetup setup = strategies.AgentMarket(parse, parse.GetValue(preset)!, seedValue, parse.GetValue(calibrateSeconds));
                IQuotingStrategy quoting = factory.Create(strategyName, setup.Settings, setup.Market.TickSize);
                collected = AdverseFillSampler.FromAgentMarket(
                    setup.Market, quoting, selection, runCount, seedValue, horizonSeconds, lossTicks * setup.Market.TickSize, RiskLimits.None);
                described = $"{setup.Name}: {collected.Count} fills of {quoting.Name} over {runCount} seeds from {seedValue}";
            }

            DetectorTraining training = DetectorTraining.Fit(collected, parse.GetValue(trainFraction), InvalidParameterException.RequireNonNegative("l2", parse.GetValue(l2)));
            if (parse.GetValue(csv) is { } csvPath)
            {
                OutputFiles.Write(csvPath, collected.WriteCsv);
            }

            if (parse.GetValue(output) is { } modelPath)
            {
                training.Detector.Save(modelPath);
            }

            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(DetectorReport.ToJson(training)));
                return 0;
            }

            terminal.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{described}; adverse = markout after {horizonSeconds:G} s loses more than {lossTicks:G} ticks"));
            DetectorReport.Write(terminal.Writer, training);
            if (parse.GetValue(output) is { } written)
            {
                terminal.Writer.WriteLine($"model: {written}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>The files written at the end, checked before the fills are collected: a bad path fails at once.</summary>
    internal static void RequireWritable(params string?[] paths)
    {
        foreach (string? path in paths)
        {
            if (path is not null)
            {
                OutputFiles.RequireWritable(path);
            }
        }
    }
}
