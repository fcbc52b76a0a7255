using System.CommandLine;
using System.Diagnostics;
using MarketMaking.Cli.Options;
using MarketMaking.Cli.Output;
using MarketMaking.Research.Reports;
using MarketMaking.Research.Runs;
using MarketMaking.Research.Simulations;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm demo</c>: every quoting model on the Avellaneda–Stoikov market and on a harder one
/// (adverse selection and an alpha signal; <see cref="ModelComparison.Demo"/>), one comparison
/// table, and a run folder with a report.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(Terminal terminal)
    {
        var run = new RunOptions("runs/demo");
        var command = new Command("demo", "Run every quoting model on two model markets and write runs/demo/ (report.html, metrics.json, config.json).");
        run.AddTo(command);
        command.SetAction(parse =>
        {
            long start = Stopwatch.GetTimestamp();
            StrategySettings reference = ModelComparison.ComparableSettings(ModelMarketPresets.Get(ModelMarketPresets.Names[0]));
            MonteCarloSettings monteCarlo = run.MonteCarlo(parse, reference);
            IReadOnlyList<MarketEvaluations> markets = ModelComparison.Demo(monteCarlo, run.Penalty(parse));
            var rows = markets.SelectMany(m => m.Evaluations.Select(e => SummaryRow.From(m.Name, e.Summary))).ToList();
            var config = new
            {
                Command = "demo",
                Markets = markets.Select(m => new { m.Name, Parameters = m.Parameters, StrategySettings = ModelComparison.ComparableSettings(m.Parameters) }),
                Strategies = ModelComparison.DemoStrategies,
                MonteCarlo = monteCarlo,
            };
            SavedRun? folder = run.Save(parse, config, new { Results = rows }, ReportBuilder.ModelComparison("mm demo", markets, reference, monteCarlo));
            if (parse.GetValue(run.Json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new { Results = rows }));
                return 0;
            }

            SummaryTable.Write(terminal, rows, showMarket: true, title: $"Every model on two markets: {monteCarlo.Trajectories:N0} runs each, seed {monteCarlo.Seed}");
            terminal.Writer.WriteLine(
                "as: Avellaneda–Stoikov (2008) market · adverse: same market with an alpha signal (OU) and adverse selection after fills.");
            terminal.Writer.WriteLine($"done in {Stopwatch.GetElapsedTime(start).TotalSeconds:F1} s" + (folder is null ? string.Empty : $"; open {Path.Combine(folder.Folder, RunFolder.ReportFileName)}{folder.KeptNote}"));
            return 0;
        });
        return command;
    }
}
