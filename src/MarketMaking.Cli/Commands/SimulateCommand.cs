using System.CommandLine;
using MarketMaking.Cli.Options;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Risk;
using MarketMaking.Research;
using MarketMaking.Research.Evaluation;
using MarketMaking.Research.MultiAsset;
using MarketMaking.Research.Quoting;
using MarketMaking.Research.Reports;
using MarketMaking.Research.Runs;
using MarketMaking.Research.Simulations;
using MarketMaking.Signals.Calibration;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Simulation.MultiAsset;
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
        var assets = new Option<int>("--assets") { Description = "--model multi: number of assets", DefaultValueFactory = _ => 2 };
        var correlation = new Option<double>("--correlation") { Description = "--model multi: correlation of every pair of mids", DefaultValueFactory = _ => 0.8 };
        var command = new Command("simulate", "Run strategies on a model market (vectorized) or the agent-based order book and compare them.") { kind, preset, runs, calibrateSeconds, slippage, assets, correlation };
        market.AddTo(command);
        strategies.AddTo(command);
        guard.AddTo(command);
        mechanics.AddTo(command);
        run.AddTo(command);
        command.SetAction(async parse =>
        {
            bool multi = parse.GetValue(kind) == "model" && market.ModelName(parse) == "multi";
            if (!multi && new Option[] { assets, correlation }.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } multiOnly)
            {
                throw new InvalidParameterException(multiOnly.Name.TrimStart('-'), $"{multiOnly.Name} is read by --model multi only (the other markets quote one asset)");
            }

            guard.RefuseUnread(parse, !multi && strategies.Strategies(parse).Any(s => s.Guarded)); // a guard on the model market is refused there; the multi-asset makers wear none
            switch (parse.GetValue(kind))
            {
                case "lob":
                    return await AgentMarket(terminal, parse, parse.GetValue(preset)!, parse.GetValue(runs), parse.GetValue(calibrateSeconds), strategies, guard, mechanics, run, parse.GetValue(slippage)).ConfigureAwait(false);
                case "model":
                    break;
                case var other:
                    throw new InvalidParameterException("market", $"unknown market '{other}'; known: model, lob");
            }

            mechanics.RefuseOn(parse, "the vectorized model market");
            if (multi)
            {
                // What the multi-asset market does not read, refused rather than ignored (--phi 5 printed the table of no --phi).
                strategies.RefuseUnread(parse, "mm simulate --model multi", ["gamma", "order_size"]);
                if (new Option[] { slippage, preset, runs, calibrateSeconds }.Concat(run.OneAssetOptions).FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } ignored)
                {
                    throw new InvalidParameterException(ignored.Name.TrimStart('-'), $"mm simulate --model multi does not read {ignored.Name}: its makers quote flat from the start, on one thread, with no position limit, slippage or inventory penalty");
                }

                return MultiAsset(terminal, parse, market, strategies, run, parse.GetValue(assets), parse.GetValue(correlation));
            }

            // γ scores every strategy (the utility column) and update_freq is how often the run decides.
            strategies.RefuseUnreadBy(parse, strategies.Strategies(parse), ["gamma", "update_freq"]);
            ModelMarketParameters parameters = market.Resolve(parse);
            StrategySettings settings = strategies.Resolve(parse, parameters);
            MonteCarloSettings monteCarlo = (run.MonteCarlo(parse, settings) with { SlippageBps = parse.GetValue(slippage) }).Validate();
            string model = market.ModelName(parse);
            MarketEvaluations evaluations = ModelComparison.Run(
                model, parameters, monteCarlo, strategies.WithoutBook(parse, "the model market").Select(s => (s.Label, StrategyCatalog.Create(s.Name, settings))), settings.Gamma, run.Penalty(parse));
            var rows = evaluations.Evaluations.Select(e => SummaryRow.From(model, e.Summary)).ToList();

            var config = new { Command = "simulate", Model = model, Market = parameters, Strategies = evaluations.Evaluations.Select(e => e.Label), StrategySettings = settings, MonteCarlo = monteCarlo };
            SavedRun? folder = run.Save(parse, config, new { Results = rows }, ReportBuilder.ModelComparison("mm simulate", [evaluations], settings, monteCarlo));
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

    /// <summary>Portfolio quoting against one-asset makers on the multi-asset model market: the as preset's σ, A, κ, T and dt for every asset.</summary>
    private static int MultiAsset(Terminal terminal, ParseResult parse, MarketOptions market, StrategyOptions strategies, RunOptions run, int assets, double correlation)
    {
        ModelMarketParameters one = market.Resolve(parse, "as");
        StrategySettings settings = strategies.Resolve(parse, one);
        MonteCarloSettings monteCarlo = run.MonteCarlo(parse, settings).Validate();
        var parameters = MultiAssetModelParameters.Uniform(assets, one.Sigma, correlation, one.A, one.Kappa, settings.OrderQuantity, one.Horizon, one.TimeStep) with { InitialMid = one.InitialMid };
        IReadOnlyList<string> names = strategies.NamesOr(parse, MultiAssetComparison.StrategyNames);
        MultiAssetComparison result = MultiAssetComparison.Run(parameters, names, settings.Gamma, monteCarlo.Trajectories, monteCarlo.Seed);
        var results = new { result.Rows, result.UtilityDifferences, result.PnlDifferences, Assets = assets, Correlation = correlation, result.Gamma, result.Trajectories, result.Seed };
        var config = new { Command = "simulate", Model = "multi", Assets = assets, Correlation = correlation, Market = one, Strategies = names, result.Gamma, result.Trajectories, result.Seed };
        SavedRun? folder = run.Save(parse, config, results, result.Report("mm simulate --model multi"));
        if (parse.GetValue(run.Json))
        {
            terminal.Writer.WriteLine(Json.Serialize(results));
            return 0;
        }

        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        terminal.Writer.WriteLine(string.Create(invariant, $"{assets} assets, correlation {correlation}, σ {one.Sigma}, A {one.A}, κ {one.Kappa}, γ {settings.Gamma}, T {one.Horizon}: {monteCarlo.Trajectories} runs, seed {monteCarlo.Seed}"));
        terminal.Writer.WriteLine($"{"strategy",-10} {"mean PnL",10} {"std PnL",10} {"utility",10} {"∫qᵀΣq dt",10} {"fills",8} {"max |q|",8}");
        foreach (MultiAssetRow row in result.Rows)
        {
            terminal.Writer.WriteLine(string.Create(invariant, $"{row.Strategy,-10} {row.MeanPnl,10:F2} {row.StdPnl,10:F2} {row.MeanUtility,10:F2} {row.MeanInventoryRisk,10:F2} {row.MeanFills,8:F1} {row.MeanMaxAbsInventory,8:F2}"));
        }

        foreach ((string pair, PairedDifference d) in result.UtilityDifferences)
        {
            terminal.Writer.WriteLine($"utility {pair}: {MultiAssetComparison.Describe(d)}");
        }

        if (folder is not null)
        {
            terminal.Writer.WriteLine($"run folder: {folder}");
        }

        return 0;
    }

    /// <summary>Strategies on the agent-based market: σ, A and κ calibrated on the market's own tape, then each strategy over the same seeds.</summary>
    private static async Task<int> AgentMarket(Terminal terminal, ParseResult parse, string presetName, int runs, double calibrateSeconds, StrategyOptions strategies, GuardOptions guard, QuotingMechanicsOptions mechanics, RunOptions run, double slippageBps)
    {
        IReadOnlyList<StrategyChoice> chosen = strategies.Strategies(parse);
        strategies.RefuseUnreadBy(parse, chosen, ["gamma"]); // γ scores every strategy (the utility column)
        var settings = new AgentMarketRunSettings
        {
            Runs = runs,
            Seed = parse.GetValue(run.Seed),
            Risk = new RiskLimits { MaxPosition = run.MaxPosition(parse) }.Validate(),
            Penalty = run.Penalty(parse),
            SlippageBps = slippageBps,
            Strategies = strategies.Factory(parse),
            Guard = chosen.Any(s => s.Guarded) ? guard.Setup(parse) : null,
            Mechanics = mechanics.Mechanics(parse),
        }.Validate();
        AgentMarketSetup setup = strategies.AgentMarket(parse, presetName, settings.Seed, calibrateSeconds);
        AgentMarketComparison? result = null;
        await ProgressBars.RunAsync(terminal, $"simulate {setup.Name}: {chosen.Count} strategies × {runs} runs", chosen.Count, task =>
        {
            result = AgentMarketComparison.Run(setup, chosen, settings, new InlineProgress<EvaluationProgress>(p =>
            {
                task.Description = $"simulate {setup.Name}: {p.Finished} done";
                task.Value = p.Done;
            }));
            return Task.CompletedTask;
        }).ConfigureAwait(false);
        AgentMarketComparison comparison = result!;
        IReadOnlyList<SummaryRow> rows = comparison.Rows;
        var config = new { Command = "simulate", Market = setup.Name, Parameters = setup.Market, Calibration = setup.CalibrationText, Strategies = chosen.Select(l => l.Label), StrategySettings = setup.Settings, Runs = runs, Seed = settings.Seed };
        SavedRun? folder = run.Save(parse, config, new { Results = rows }, comparison.Report("mm simulate"));
        if (parse.GetValue(run.Json))
        {
            CalibrationResult calibration = setup.Calibration;
            terminal.Writer.WriteLine(Json.Serialize(new
            {
                Results = rows,
                Calibration = new { calibration.Sigma, calibration.A, calibration.Kappa },
                OrdersRefused = comparison.Evaluations.ToDictionary(e => e.Label, e => e.OrdersRefused),
                PairedDifferences = comparison.Differences,
                GuardDetectors = comparison.TrainedDetectors,
            }));
            return 0;
        }

        SummaryTable.Write(terminal, rows, showMarket: false, title: $"{setup.Name}: {runs} runs per strategy, seed {settings.Seed}");
        terminal.Writer.WriteLine($"calibration: {setup.CalibrationText}");
        foreach (string trained in comparison.TrainedDetectors)
        {
            terminal.Writer.WriteLine($"guard detector: {trained}");
        }

        foreach (PairedComparison difference in comparison.Differences)
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
