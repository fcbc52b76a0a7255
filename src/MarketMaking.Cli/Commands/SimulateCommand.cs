using System.CommandLine;
using MarketMaking.Cli.Options;
using MarketMaking.Cli.Output;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm simulate</c>: Monte Carlo runs of strategies on a model market, printed as the table of
/// Avellaneda &amp; Stoikov (2008) plus the toolkit's metrics, and saved as a run folder.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(Terminal terminal)
    {
        var market = new MarketOptions();
        var strategies = new StrategyOptions("inventory,symmetric");
        var run = new RunOptions("runs/simulate");
        var command = new Command("simulate", "Run strategies on a model market over many trajectories (vectorized) and compare them.");
        market.AddTo(command);
        strategies.AddTo(command);
        run.AddTo(command);
        command.SetAction(parse =>
        {
            ModelMarketParameters parameters = market.Resolve(parse);
            StrategySettings settings = strategies.Resolve(parse, parameters);
            MonteCarloSettings monteCarlo = run.MonteCarlo(parse, settings);
            var evaluations = strategies.Strategies(parse)
                .Select(s => StrategyEvaluator.Evaluate(parameters, monteCarlo, s.Label, StrategyCatalog.Create(s.Name, settings), settings.Gamma, run.Penalty(parse)))
                .ToList();
            string model = market.ModelName(parse);
            var rows = evaluations.Select(e => SummaryRow.From(model, e.Summary)).ToList();

            var config = new { Command = "simulate", Model = model, Market = parameters, Strategies = evaluations.Select(e => e.Label), StrategySettings = settings, MonteCarlo = monteCarlo };
            string? folder = run.Save(parse, config, new { Results = rows }, ReportBuilder.ModelComparison("mm simulate", [new MarketEvaluations(model, parameters, evaluations)], settings, monteCarlo));
            if (parse.GetValue(run.Json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new { Results = rows }));
            }
            else
            {
                SummaryTable.Write(terminal, rows, showMarket: false, title: $"{monteCarlo.Trajectories} runs, seed {monteCarlo.Seed}");
                if (folder is not null)
                {
                    terminal.Writer.WriteLine($"run folder: {folder}");
                }
            }

            return 0;
        });
        return command;
    }
}
