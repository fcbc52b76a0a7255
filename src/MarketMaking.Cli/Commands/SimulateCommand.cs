using System.CommandLine;
using System.Globalization;
using MarketMaking.Cli.Configuration;
using MarketMaking.Cli.Options;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Risk;
using MarketMaking.Signals.Calibration;
using MarketMaking.Simulation.Agents;
using MarketMaking.Cli.Output;
using MarketMaking.Simulation.Engine;
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
        var guard = new GuardOptions();
        var mechanics = new QuotingMechanicsOptions();
        var run = new RunOptions("runs/simulate");
        var kind = new Option<string>("--market") { Description = "model (vectorized model market) or lob (agent-based order book)", DefaultValueFactory = _ => "model" };
        var preset = new Option<string>("--preset") { Description = "lob: market preset (liquid, thin, toxic) or a market .yaml file", DefaultValueFactory = _ => "liquid" };
        var runs = new Option<int>("--runs") { Description = "lob: runs (seeds) per strategy", DefaultValueFactory = _ => 20 };
        var slippage = new Option<double>("--slippage-bps") { Description = "each fill's price moved against us, basis points (model and lob)", DefaultValueFactory = _ => 0 };
        var calibrateSeconds = new Option<double>("--calibrate-seconds") { Description = "lob: seconds of the market's tape used to calibrate σ, A, κ", DefaultValueFactory = _ => 1800 };
        var command = new Command("simulate", "Run strategies on a model market (vectorized) or the agent-based order book and compare them.") { kind, preset, runs, calibrateSeconds, slippage };
        market.AddTo(command);
        strategies.AddTo(command);
        guard.AddTo(command);
        mechanics.AddTo(command);
        run.AddTo(command);
        command.SetAction(parse =>
        {
            switch (parse.GetValue(kind))
            {
                case "lob":
                    return AgentMarketComparison(terminal, parse, parse.GetValue(preset)!, parse.GetValue(runs), parse.GetValue(calibrateSeconds), strategies, guard, mechanics, run, parse.GetValue(slippage));
                case "model":
                    break;
                case var other:
                    throw new InvalidParameterException("market", $"unknown market '{other}'; known: model, lob");
            }

            mechanics.RefuseOn(parse, "the vectorized model market");
            ModelMarketParameters parameters = market.Resolve(parse);
            StrategySettings settings = strategies.Resolve(parse, parameters);
            MonteCarloSettings monteCarlo = (run.MonteCarlo(parse, settings) with { SlippageBps = parse.GetValue(slippage) }).Validate();
            var evaluations = strategies.WithoutBook(parse, "the model market")
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

    /// <summary>Strategies on the agent-based market: σ, A and κ calibrated on the market's own tape, then each strategy over the same seeds.</summary>
    private static int AgentMarketComparison(Terminal terminal, ParseResult parse, string presetName, int runs, double calibrateSeconds, StrategyOptions strategies, GuardOptions guard, QuotingMechanicsOptions mechanics, RunOptions run, double slippageBps)
    {
        if (runs < 1)
        {
            throw new InvalidParameterException("runs", $"must be at least 1, got {runs}");
        }

        var labels = strategies.Strategies(parse);
        ulong seed = parse.GetValue(run.Seed);
        AgentMarketSetup setup = AgentMarketSetup.Resolve(parse, strategies, presetName, seed, calibrateSeconds);
        (string marketName, AgentMarketParameters market, CalibrationResult calibration, StrategySettings settings) = setup;
        var risk = new RiskLimits { MaxPosition = run.MaxPosition(parse) }.Validate();
        var guards = new GuardedStrategies(strategies, guard, mechanics, parse, setup, seed);
        var evaluations = labels
            .Select(s => AgentMarketEvaluator.Evaluate(market, guards.Create(s.Name, s.Guarded), s.Label, runs, seed, risk, settings.Gamma, run.Penalty(parse), mechanics.Apply(parse, new RunSettings { SlippageBps = slippageBps }, market.TickSize)))
            .ToList();
        var differences = evaluations.Skip(1).Select(e => PairedComparison.Of(evaluations[0], e, run.Penalty(parse))).ToList();
        var rows = evaluations.Select(e => SummaryRow.From(marketName, e.Summary)).ToList();
        string calibrated = string.Create(
            CultureInfo.InvariantCulture,
            $"σ {calibration.Sigma.Value:G4} [{calibration.Sigma.Lower:G4}, {calibration.Sigma.Upper:G4}], A {calibration.A.Value:G4} [{calibration.A.Lower:G4}, {calibration.A.Upper:G4}], κ {calibration.Kappa.Value:G4} [{calibration.Kappa.Lower:G4}, {calibration.Kappa.Upper:G4}] from {calibrateSeconds:G} s of the market's tape");
        var settingsItems = new List<KeyValuePair<string, string>>
        {
            new("market", $"{marketName}: {market.Duration:G} s per run, decisions every {market.DecisionInterval:G} s, tick {market.TickSize:G}, lot {market.LotSize:G}"),
            new("calibration", calibrated),
            new("runs", $"{runs} per strategy, seeds {seed}…{seed + (ulong)runs - 1}"),
            new("position limit", double.IsPositiveInfinity(risk.MaxPosition) ? "none" : risk.MaxPosition.ToString(CultureInfo.InvariantCulture)),
            new("orders refused on arrival (would have crossed)", string.Join(", ", evaluations.Select(e => $"{e.Label} {e.OrdersRefused}"))),
            new("risk rejections", string.Join(", ", evaluations.Select(e => $"{e.Label} {e.Runs.Sum(r => r.Rejections.Values.Sum())}"))),
        };
        settingsItems.AddRange(guards.Trained.Select(t => new KeyValuePair<string, string>("guard detector", t)));
        settingsItems.AddRange(differences.Select(d => new KeyValuePair<string, string>($"{d.Candidate} − {d.Baseline}", d.Describe())));
        var config = new { Command = "simulate", Market = marketName, Parameters = market, Calibration = calibrated, Strategies = labels.Select(l => l.Label), StrategySettings = settings, Runs = runs, Seed = seed };
        string? folder = run.Save(parse, config, new { Results = rows }, ReportBuilder.AgentComparison("mm simulate", marketName, evaluations, settingsItems));
        if (parse.GetValue(run.Json))
        {
            terminal.Writer.WriteLine(Json.Serialize(new
            {
                Results = rows,
                Calibration = new { calibration.Sigma, calibration.A, calibration.Kappa },
                OrdersRefused = evaluations.ToDictionary(e => e.Label, e => e.OrdersRefused),
                PairedDifferences = differences,
                GuardDetectors = guards.Trained,
            }));
            return 0;
        }

        SummaryTable.Write(terminal, rows, showMarket: false, title: $"{marketName}: {runs} runs per strategy, seed {seed}");
        terminal.Writer.WriteLine($"calibration: {calibrated}");
        foreach (string trained in guards.Trained)
        {
            terminal.Writer.WriteLine($"guard detector: {trained}");
        }

        foreach (PairedComparison difference in differences)
        {
            terminal.Writer.WriteLine($"{difference.Candidate} − {difference.Baseline} over {runs} paired seeds: {difference.Describe()}");
        }

        if (folder is not null)
        {
            terminal.Writer.WriteLine($"run folder: {folder}");
        }

        return 0;
    }
}
