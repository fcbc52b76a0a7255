using System.CommandLine;
using System.Diagnostics;
using MarketMaking.Cli.Options;
using MarketMaking.Cli.Output;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm demo</c>: every quoting model on the Avellaneda–Stoikov market and on a harder one
/// (adverse selection and an alpha signal), one comparison table, and a run folder with a report.
/// </summary>
internal static class DemoCommand
{
    private static readonly string[] Strategies = ["as", "symmetric", "glft", "glft-exact", "cj", "fixed", "adaptive"];

    public static Command Create(Terminal terminal)
    {
        var run = new RunOptions("runs/demo");
        var command = new Command("demo", "Run every quoting model on two model markets and write runs/demo/ (report.html, metrics.json, config.json).");
        run.AddTo(command);
        command.SetAction(parse =>
        {
            long start = Stopwatch.GetTimestamp();
            var markets = new List<MarketEvaluations>();
            MonteCarloSettings? monteCarlo = null;
            StrategySettings? reference = null;
            foreach (string name in ModelMarketPresets.Names)
            {
                ModelMarketParameters market = ModelMarketPresets.Get(name);
                StrategySettings settings = Settings(market);
                reference ??= settings;
                monteCarlo = run.MonteCarlo(parse, settings);
                var evaluations = Strategies
                    .Select(s => StrategyEvaluator.Evaluate(market, monteCarlo, s, StrategyCatalog.Create(s, settings), settings.Gamma, run.Penalty(parse)))
                    .ToList();
                markets.Add(new MarketEvaluations(name, market, evaluations));
            }

            var rows = markets.SelectMany(m => m.Evaluations.Select(e => SummaryRow.From(m.Name, e.Summary))).ToList();
            var config = new
            {
                Command = "demo",
                Markets = markets.Select(m => new { m.Name, Parameters = m.Parameters, StrategySettings = Settings(m.Parameters) }),
                Strategies,
                MonteCarlo = monteCarlo,
            };
            string? folder = run.Save(parse, config, new { Results = rows }, ReportBuilder.ModelComparison("mm demo", markets, reference!, monteCarlo!));
            if (parse.GetValue(run.Json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new { Results = rows }));
                return 0;
            }

            SummaryTable.Write(terminal, rows, showMarket: true, title: $"Every model on two markets: {monteCarlo!.Trajectories:N0} runs each, seed {monteCarlo.Seed}");
            terminal.Writer.WriteLine(
                "as: Avellaneda–Stoikov (2008) market · adverse: same market with an alpha signal (OU) and adverse selection after fills.");
            terminal.Writer.WriteLine($"done in {Stopwatch.GetElapsedTime(start).TotalSeconds:F1} s" + (folder is null ? string.Empty : $"; open {Path.Combine(folder, "report.html")}"));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Every model with parameters that make them comparable on <paramref name="market"/>: the true
    /// σ, A, κ; γ = 0.1; Cartea–Jaimungal's running penalty φ = γσ²/2 (the same penalty on q² as
    /// Avellaneda–Stoikov's variance term); the fixed and adaptive spreads set to AS's average
    /// spread; the adaptive alpha skew 1/θ (how far the alpha carries the mid before it fades).
    /// </summary>
    private static StrategySettings Settings(ModelMarketParameters market)
    {
        const double gamma = 0.1;
        double averageSpread = (gamma * market.Sigma * market.Sigma * market.Horizon / 2) + ((2 / gamma) * Math.Log(1 + (gamma / market.Kappa)));
        return new StrategySettings
        {
            Gamma = gamma,
            Sigma = market.Sigma,
            A = market.A,
            Kappa = market.Kappa,
            Horizon = market.Horizon,
            TimeStep = market.TimeStep,
            MaxInventory = 20,
            Phi = gamma * market.Sigma * market.Sigma / 2,
            TerminalPenalty = 0.01,
            SpreadBps = averageSpread / market.InitialMid * 1e4,
            SkewFactor = 0.5,
            BaseSpread = averageSpread,
            VolatilityReference = market.Sigma,
            InventorySkew = gamma * market.Sigma * market.Sigma * market.Horizon / 2,
            AlphaSkew = market.HasAlpha ? 1 / market.AlphaReversion : 0,
        };
    }
}
