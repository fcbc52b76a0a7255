using System.CommandLine;
using System.Globalization;
using MarketMaking.Cli.Configuration;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Data.Files;
using MarketMaking.Learning.AdverseSelection;
using MarketMaking.Learning.Spreads;
using MarketMaking.Research.Runs;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm train spread</c>: the neural spread predictor. Every few seconds the market's features are
/// sampled; the target is the half-spread that would have earned the most risk-adjusted PnL over the
/// next window. Trained on the earlier samples, scored against a constant spread on the later ones.
/// </summary>
internal static class TrainSpreadCommand
{
    public static Command Create(Terminal terminal)
    {
        var source = new Option<string>("--market") { Description = "lob (the agent-based market) unless --data is given", DefaultValueFactory = _ => "lob" };
        var preset = new Option<string>("--preset") { Description = "lob: market preset or .yaml file", DefaultValueFactory = _ => "toxic" };
        var runs = new Option<int>("--runs") { Description = "lob: runs (seeds) sampled", DefaultValueFactory = _ => 4 };
        var data = new Option<string?>("--data") { Description = "recorded L2 + trades file to train on instead" };
        var format = new Option<string?>("--format") { Description = $"format of --data (an .mmev file needs none): {string.Join(", ", MarketDataFormats.Names)}" };
        var features = new Option<string>("--features") { Description = "comma-separated market features", DefaultValueFactory = _ => string.Join(',', SpreadPredictor.DefaultFeatures) };
        var window = new Option<double>("--window") { Description = "seconds a quote is held and judged", DefaultValueFactory = _ => 30 };
        var interval = new Option<double>("--sample-interval") { Description = "seconds between samples", DefaultValueFactory = _ => 2 };
        var penalty = new Option<double>("--inventory-penalty") { Description = "ticks charged per squared lot left at the window's end", DefaultValueFactory = _ => 1 };
        var trainFraction = new Option<double>("--train-fraction") { Description = "earliest share of the samples used to fit", DefaultValueFactory = _ => 0.7 };
        var epochs = new Option<int>("--epochs") { Description = "passes over the training samples", DefaultValueFactory = _ => 30 };
        var hidden = new Option<int>("--hidden") { Description = "width of each of the two hidden layers", DefaultValueFactory = _ => 32 };
        var output = new Option<string?>("--out") { Description = "model file to write (JSON)" };
        var seed = new Option<ulong>("--seed") { Description = "random seed (market runs, weights, minibatches)", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("spread", "Train the neural spread predictor and compare it with a constant spread out of sample.")
        {
            source, preset, runs, data, format, features, window, interval, penalty, trainFraction, epochs, hidden, output, seed, json,
        };
        command.SetAction(parse =>
        {
            var selection = new FeatureSelection(parse.GetValue(features)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            TrainDetectorCommand.RequireWritable(parse.GetValue(output));
            var targets = new SpreadTargetSettings
            {
                Window = parse.GetValue(window),
                SampleInterval = parse.GetValue(interval),
                InventoryPenalty = parse.GetValue(penalty),
            }.Validate();
            ulong seedValue = parse.GetValue(seed);
            var options = new SpreadTrainingOptions { Epochs = parse.GetValue(epochs), HiddenWidth = parse.GetValue(hidden), Seed = (int)(seedValue % int.MaxValue) }.Validate();
            string described;
            SpreadDataset dataset;
            if (parse.GetValue(data) is { } path)
            {
                string formatName = MarketDataFormats.NamedOrDetected(parse.GetValue(format), path) ?? throw new InvalidParameterException("format", "name the format of --data");
                MarketDataFormats.Parse(formatName);
                using MarketDataReader reader = MarketDataFormats.Open(path, formatName);
                dataset = SpreadSampling.FromData(reader, selection, targets);
                described = Path.GetFileName(path);
            }
            else if (parse.GetValue(source) == "lob")
            {
                int runCount = (int)InvalidParameterException.RequireAtLeastOne("runs", parse.GetValue(runs));
                dataset = SpreadSampling.FromAgentMarket(AgentMarketPresets.Load(parse.GetValue(preset)!), runCount, seedValue, selection, targets);
                described = $"lob/{Path.GetFileNameWithoutExtension(parse.GetValue(preset))}, {runCount} runs from seed {seedValue}";
            }
            else
            {
                throw new InvalidParameterException("market", $"unknown source '{parse.GetValue(source)}'; known: lob (or give --data)");
            }

            (SpreadDataset train, SpreadDataset test) = dataset.SplitByTime(parse.GetValue(trainFraction) is > 0 and < 1 and var f ? f : throw new InvalidParameterException("train-fraction", "must be strictly between 0 and 1"));
            (SpreadPredictor predictor, SpreadEvaluation evaluation) = SpreadPredictorTraining.Fit(train, test, targets, options);
            if (parse.GetValue(output) is { } modelPath)
            {
                predictor.Save(modelPath);
            }

            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new { Source = described, TrainRows = train.Count, Evaluation = evaluation, evaluation.ErrorReduction }));
                return 0;
            }

            var c = CultureInfo.InvariantCulture;
            terminal.Writer.WriteLine(string.Create(c, $"{described}: {dataset.Count} samples every {targets.SampleInterval:G} s ({dataset.Rejected} before the features were defined); target: best half-spread over the next {targets.Window:G} s, inventory penalty {targets.InventoryPenalty:G} tick/lot²"));
            terminal.Writer.WriteLine(string.Create(c, $"trained {predictor.Network.Describe()} on the first {train.Count}, tested on the last {test.Count} (half-spreads in ticks):"));
            terminal.Writer.WriteLine(string.Create(c, $"  error            RMSE {evaluation.ModelRmse:F3}  MAE {evaluation.ModelMae:F3}   constant {evaluation.ConstantHalfSpread:F2}: RMSE {evaluation.ConstantRmse:F3}  MAE {evaluation.ConstantMae:F3}   (squared error {ErrorChange(evaluation.ErrorReduction)})"));
            terminal.Writer.WriteLine(string.Create(c, $"  PnL per window   predicted {evaluation.ModelPnl:F3} ticks   best training constant {evaluation.BestConstantHalfSpread:F1}: {evaluation.BestConstantPnl:F3} ticks"));
            if (parse.GetValue(output) is { } written)
            {
                terminal.Writer.WriteLine($"model: {written}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>The model's squared error against the constant's in words: "12.0 % lower", or "5.4 % higher" when the model is worse.</summary>
    internal static string ErrorChange(double reduction) => reduction >= 0
        ? string.Create(CultureInfo.InvariantCulture, $"{reduction:P1} lower")
        : string.Create(CultureInfo.InvariantCulture, $"{-reduction:P1} higher");
}
