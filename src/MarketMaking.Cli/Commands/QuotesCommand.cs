using System.CommandLine;
using MarketMaking.Cli.Options;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Research.Quoting;
using MarketMaking.Research.Reports;
using MarketMaking.Research.Runs;
using MarketMaking.Strategies;
using Spectre.Console;

namespace MarketMaking.Cli.Commands;

/// <summary><c>mm quotes</c>: a model's bid and ask depth for every inventory level.</summary>
internal static class QuotesCommand
{
    private static readonly string[] Models = ["glft-exact", "glft", "as", "as-rolling", "symmetric", "cj"];

    public static Command Create(Terminal terminal)
    {
        var model = new Option<string>("--model") { Description = $"quoting model: {string.Join(", ", Models)}", DefaultValueFactory = _ => "glft-exact" };
        var sigma = new Option<double>("--sigma") { Description = "mid volatility σ", DefaultValueFactory = _ => 2 };
        var a = new Option<double>("--A") { Description = "arrival intensity A", DefaultValueFactory = _ => 140 };
        var kappa = new Option<double>("--kappa") { Description = "fill decay κ", DefaultValueFactory = _ => 1.5 };
        var horizon = new Option<double>("--horizon") { Description = "horizon T", DefaultValueFactory = _ => 1 };
        var dt = new Option<double>("--dt") { Description = "time grid of the table models", DefaultValueFactory = _ => 0.005 };
        var timeLeft = new Option<double?>("--time-left") { Description = "T − t at which to quote, at most T (default: T; Infinity: the stationary quotes of glft-exact and cj)" };
        var json = new Option<bool>("--json") { Description = "print {\"quotes\":[{\"q\",\"bid\",\"ask\"}]}" };
        var strategy = new StrategyOptions("glft-exact");
        var command = new Command("quotes", "Print a quoting model's bid and ask depth (distance from mid) for each inventory level.")
        {
            model, sigma, a, kappa, horizon, dt, timeLeft, json,
        };
        strategy.AddTo(command, includeStrategyList: false);
        command.SetAction(parse =>
        {
            string name = parse.GetValue(model)!;
            if (!Models.Contains(name))
            {
                throw new InvalidParameterException("model", $"unknown quoting model '{name}'; known: {string.Join(", ", Models)}");
            }

            // Every model's rows run over q = −Q … Q in order-size units, so --Q and --order-size are always read.
            strategy.RefuseUnread(parse, $"--model {name}", [.. StrategyCatalog.Parameters(name), "max_inventory", "order_size"]);
            StrategySettings settings = strategy.Resolve(parse, new StrategySettings
            {
                Sigma = parse.GetValue(sigma),
                A = parse.GetValue(a),
                Kappa = parse.GetValue(kappa),
                Horizon = parse.GetValue(horizon),
                TimeStep = parse.GetValue(dt),
            });
            IQuotingStrategy quoting = StrategyCatalog.Create(name, settings);
            double tau = TimeLeft(name, parse.GetValue(timeLeft), settings.Horizon);

            IReadOnlyList<QuoteDepth> rows = QuoteDepths.For(quoting, settings, tau);
            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new { Model = name, TimeLeft = tau, Quotes = rows }));
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).Title($"{name}: depth from mid, T − t = {tau}");
            table.AddColumn(new TableColumn("q").RightAligned()).AddColumn(new TableColumn("bid depth").RightAligned()).AddColumn(new TableColumn("ask depth").RightAligned());
            foreach (QuoteDepth row in rows)
            {
                table.AddRow(row.Q.ToString(System.Globalization.CultureInfo.InvariantCulture), Depth(row.Bid), Depth(row.Ask));
            }

            terminal.Console.Write(table);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// T − t in [0, T], or +∞ for the stationary quotes of the table models. Beyond T the tables
    /// clamped to T and AS extrapolated before its own start, and AS took ∞ as T: each printed
    /// quotes for a time other than the one asked for.
    /// </summary>
    private static double TimeLeft(string model, double? given, double horizon)
    {
        if (given is null)
        {
            return horizon;
        }

        if (model is "glft" or "as-rolling")
        {
            throw new InvalidParameterException("time-left", $"the quotes of --model {model} do not depend on time: leave --time-left out");
        }

        double tau = given.Value;
        if (double.IsPositiveInfinity(tau))
        {
            return model is "glft-exact" or "cj"
                ? tau
                : throw new InvalidParameterException("time-left", FormattableString.Invariant($"--model {model} has no stationary quotes (only glft-exact and cj do): give T − t from 0 to the horizon ({horizon:G})"));
        }

        InvalidParameterException.RequireNonNegative("time-left", tau);
        return tau <= horizon
            ? tau
            : throw new InvalidParameterException("time-left", FormattableString.Invariant($"T − t cannot exceed the horizon T ({horizon:G}), got {tau:G}: give a longer --horizon"));
    }

    private static string Depth(double? depth) => depth is { } d ? Formats.Fixed(d, 4) : "not quoted";
}
