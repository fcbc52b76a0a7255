using System.CommandLine;
using MarketMaking.Cli.Configuration;
using MarketMaking.Cli.Options;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Data.Files;
using MarketMaking.Research;
using MarketMaking.Research.Calibrations;
using MarketMaking.Research.Reports;
using MarketMaking.Research.Runs;
using MarketMaking.Signals.Calibration;
using MarketMaking.Simulation.Model;
using MarketMaking.Strategies.Vectorization;
using Spectre.Console;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm calibrate</c>: σ and the fill intensity λ(δ) = A·e^(−κδ) with standard errors and 95%
/// intervals (<see cref="MarketCalibrations"/>), and the Avellaneda–Stoikov and GLFT quotes they imply.
/// </summary>
internal static class CalibrateCommand
{
    public static Command Create(Terminal terminal)
    {
        var source = new Option<string>("--market") { Description = "simulated source: model (the model market's tape) or lob (the agent-based market's)", DefaultValueFactory = _ => "model" };
        var preset = new Option<string>("--preset") { Description = "lob: market preset or .yaml file", DefaultValueFactory = _ => "liquid" };
        var data = new Option<string?>("--data") { Description = "recorded data file to calibrate on instead of a simulated market" };
        var format = new Option<string?>("--format") { Description = $"format of --data (an .mmev file needs none): {string.Join(", ", MarketDataFormats.Names)}" };
        var window = new Option<string?>("--window") { Description = "--data: how much of the file to use from its start (e.g. 5m; default: all)" };
        var duration = new Option<double>("--duration") { Description = "seconds of simulated tape to observe (model: one time unit is one second)", DefaultValueFactory = _ => 100 };
        var seed = new Option<ulong>("--seed") { Description = "random seed", DefaultValueFactory = _ => 1 };
        var depthStep = new Option<double?>("--depth-step") { Description = "width of the depth bins (price units; default 0.2/κ of the model)" };
        var depthLevels = new Option<int>("--depth-levels") { Description = "number of depth bins", DefaultValueFactory = _ => 40 };
        var samplingInterval = new Option<double>("--sigma-interval") { Description = "seconds between mid samples for σ", DefaultValueFactory = _ => 0.05 };
        var gamma = new Option<double>("--gamma") { Description = "risk aversion γ of the implied quotes", DefaultValueFactory = _ => 0.1 };
        var horizon = new Option<double>("--quote-horizon") { Description = "T − t of the implied Avellaneda–Stoikov quotes", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var market = new MarketOptions();
        var command = new Command("calibrate", "Estimate σ, A and κ (with 95% intervals) and the quotes they imply.")
        {
            source, preset, data, format, window, duration, seed, depthStep, depthLevels, samplingInterval, gamma, horizon, json,
        };
        market.AddTo(command);
        command.SetAction(parse =>
        {
            // Each source reads its own options: one it does not read would change nothing.
            bool fromData = parse.GetValue(data) is not null;
            bool lob = !fromData && parse.GetValue(source) == "lob";
            string chosen = fromData ? "mm calibrate --data (the file's market)" : lob ? "--market lob" : "--market model";
            Option[] unread = fromData ? [source, preset, duration, seed, depthStep, depthLevels, samplingInterval, .. market.All]
                : lob ? [format, window, depthStep, depthLevels, samplingInterval, .. market.All]
                : [preset, format, window];
            if (unread.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } ignored)
            {
                throw new InvalidParameterException(ignored.Name.TrimStart('-'), $"{chosen} does not read {ignored.Name}");
            }

            double gammaValue = parse.GetValue(gamma);
            double quoteHorizon = parse.GetValue(horizon);
            if (parse.GetValue(data) is { } path)
            {
                string formatName = MarketDataFormats.NamedOrDetected(parse.GetValue(format), path) ?? throw new InvalidParameterException("format", "name the format of --data");
                MarketDataFormats.Parse(formatName);
                TimeSpan? span = parse.GetValue(window) is { } text ? Durations.Parse("window", text) : null;
                Report(terminal, parse.GetValue(json), MarketCalibrations.FromData(path, formatName, span), gammaValue, quoteHorizon);
                return 0;
            }

            double seconds = InvalidParameterException.RequirePositive("duration", parse.GetValue(duration));
            switch (parse.GetValue(source))
            {
                case "lob" when seconds > SecondsPerYear:
                    throw new InvalidParameterException("duration", FormattableString.Invariant($"at most a year of the agent-based market ({SecondsPerYear:N0} s, minutes of compute), got {seconds:G}"));
                case "lob":
                    Report(terminal, parse.GetValue(json), MarketCalibrations.FromAgentMarket(AgentMarketPresets.Load(parse.GetValue(preset)!), parse.GetValue(seed), seconds), gammaValue, quoteHorizon);
                    return 0;
                case "model":
                    break;
                case var other:
                    throw new InvalidParameterException("market", $"unknown source '{other}'; known: model, lob (or give --data)");
            }

            ModelMarketParameters model = market.Resolve(parse);
            if (seconds / model.TimeStep > MaxModelSteps)
            {
                // Streamed, so never out of memory: --duration 1e12 simply never ended.
                throw new InvalidParameterException("duration", FormattableString.Invariant($"{seconds:G} s is {seconds / model.TimeStep:N0} steps of dt {model.TimeStep:G}: at most {MaxModelSteps:N0} (minutes of compute)"));
            }

            CalibrationRun run = MarketCalibrations.FromModelMarket(
                model, seconds, parse.GetValue(seed), parse.GetValue(depthStep), parse.GetValue(depthLevels), TimeSpan.FromSeconds(parse.GetValue(samplingInterval)));
            Report(terminal, parse.GetValue(json), run, gammaValue, quoteHorizon);
            return 0;
        });
        return command;
    }

    private const double SecondsPerYear = 365 * 86_400;
    private const double MaxModelSteps = 1e9;

    private static void Report(Terminal terminal, bool json, CalibrationRun run, double gamma, double horizon)
    {
        CalibrationResult result = run.Result;
        ImpliedQuotes quotes = ImpliedQuotes.Of(result, gamma, horizon);
        if (json)
        {
            terminal.Writer.WriteLine(Json.Serialize(new
            {
                Sigma = result.Sigma,
                A = result.A,
                Kappa = result.Kappa,
                True = run.Truth is { } t ? new { t.Sigma, t.A, t.Kappa } : null,
                Arrivals = result.Intensity.Arrivals,
                ObservedSeconds = run.ObservedSeconds,
                Quotes = new
                {
                    Gamma = gamma,
                    As = QuoteJson(quotes.AvellanedaStoikov),
                    Glft = QuoteJson(quotes.Glft),
                },
            }));
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("calibration (95% intervals)");
        table.AddColumn("parameter").AddColumn(new TableColumn("estimate").RightAligned()).AddColumn(new TableColumn("std error").RightAligned()).AddColumn(new TableColumn("95% interval").RightAligned());
        if (run.Truth is not null)
        {
            table.AddColumn(new TableColumn("true").RightAligned());
        }

        void Row(string name, ParameterEstimate e, double? trueValue)
        {
            var cells = new List<string> { name, Formats.Fixed(e.Value, 4), Formats.Fixed(e.StandardError, 4), $"[{Formats.Fixed(e.Lower, 4)}, {Formats.Fixed(e.Upper, 4)}]" };
            if (trueValue is { } v)
            {
                cells.Add(Formats.Fixed(v, 4));
            }

            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        // Units on every row: σ of the whole AMZN day (0.0199) and of the backtest's first minute (0.0599) read as a contradiction without them.
        Row("σ (price/√s)", result.Sigma, run.Truth?.Sigma);
        Row("A (orders/s)", result.A, run.Truth?.A);
        Row("κ (1/price)", result.Kappa, run.Truth?.Kappa);
        terminal.Console.Write(table);
        terminal.Writer.WriteLine($"{result.Intensity.Arrivals:N0} market orders (both sides) over {run.ObservedSeconds:F1} s: A is their rate at the touch, decaying as e^(−κ·depth); σ from mid changes.");
        terminal.Writer.WriteLine($"implied quotes, γ = {gamma}: Avellaneda–Stoikov (T − t = {horizon}) {Describe(quotes.AvellanedaStoikov)}; GLFT {Describe(quotes.Glft)}");
    }

    private static object QuoteJson(LinearQuote quote) => new { HalfSpread = quote.BidHalfSpread, SkewPerUnit = quote.Skew };

    private static string Describe(LinearQuote quote) =>
        $"half spread {Formats.Fixed(quote.BidHalfSpread, 4)}, centre moves {Formats.Fixed(quote.Skew, 4)} per unit of inventory";
}
