using System.CommandLine;
using System.Globalization;
using MarketMaking.Cli.Options;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Accounting;
using MarketMaking.Core.Risk;
using MarketMaking.Simulation.Agents;
using MarketMaking.Learning.Agents;
using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Evaluation;
using MarketMaking.Strategies;
using Spectre.Console;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm evaluate</c>: a trained policy beside Avellaneda–Stoikov, GLFT, the exact Cartea–Jaimungal
/// optimum and the best constant depth, on the same seeds: the objective with its interval, PnL,
/// its spread, mean |q|, the share of the constant-to-optimum gap each closes, and the learned
/// quotes per inventory level beside the optimal ones.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(Terminal terminal)
    {
        var policy = new Option<string>("--policy") { Description = "policy file from 'mm train --agent'", Required = true };
        var env = new Option<string>("--env") { Description = $"environment: {string.Join(", ", EnvironmentPresets.Names)} or lob (the agent-based book, --preset)", DefaultValueFactory = _ => "cj" };
        var preset = new Option<string>("--preset") { Description = "--env lob: market preset or .yaml file", DefaultValueFactory = _ => "toxic" };
        var runs = new Option<int>("--runs") { Description = "evaluation trajectories (the same seeds for every strategy)", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<ulong>("--seed") { Description = "seed of the evaluation trajectories (use one training did not)", DefaultValueFactory = _ => 1_000_001 };
        var gamma = new Option<double>("--gamma") { Description = "risk aversion γ of the AS and GLFT baselines", DefaultValueFactory = _ => 0.1 };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("evaluate", "Compare a trained policy with the analytical strategies and the known optimum.") { policy, env, preset, runs, seed, gamma, json };
        var strategies = new StrategyOptions("as");
        strategies.AddTo(command, includeStrategyList: false);
        command.SetAction(parse =>
        {
            int count = parse.GetValue(runs) is >= 2 and var n ? n : throw new InvalidParameterException("runs", "must be at least 2");
            if (parse.GetValue(env) == "lob")
            {
                return OnBook(terminal, parse, parse.GetValue(policy)!, parse.GetValue(preset)!, count, parse.GetValue(seed), strategies, parse.GetValue(json));
            }

            EnvironmentSettings settings = EnvironmentPresets.Get(parse.GetValue(env)!);
            (string kind, IDiscretePolicy agent) = AgentFiles.Load(parse.GetValue(policy)!, AgentShape.Of(settings));
            var evaluator = new ObjectiveEvaluator(settings, count, parse.GetValue(seed));
            var market = settings.Market;
            var analytical = new StrategySettings
            {
                Sigma = market.Sigma, A = market.A, Kappa = market.Kappa, Horizon = market.Horizon, TimeStep = market.TimeStep,
                Gamma = parse.GetValue(gamma), MaxInventory = settings.MaxInventory, OrderQuantity = 1, Phi = settings.Phi, TerminalPenalty = settings.TerminalPenalty,
            };
            IQuotingStrategy optimalStrategy = evaluator.Optimal();
            ObjectiveEstimate optimal = evaluator.Evaluate("cj (optimal)", optimalStrategy);
            (double depth, ObjectiveEstimate constant) = evaluator.BestConstant(0.5, 2.0, 0.05);
            var agentStrategy = new PolicyStrategy(kind, agent, settings);
            var rows = new List<ObjectiveEstimate>
            {
                evaluator.Evaluate(kind, agentStrategy),
                optimal,
                constant with { Strategy = string.Create(CultureInfo.InvariantCulture, $"constant {depth:F2}") },
                evaluator.Evaluate("as", StrategyCatalog.Create("as", analytical)),
                evaluator.Evaluate("glft", StrategyCatalog.Create("glft", analytical)),
            };
            var quotes = QuoteTable.Compare(agentStrategy, optimalStrategy, market.Horizon, [-3, -2, -1, 0, 1, 2, 3], [1, 0.5, 0.1]);
            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new
                {
                    Environment = parse.GetValue(env),
                    Runs = count,
                    Results = rows.Select(r => new { r.Strategy, Objective = r.Mean, r.StandardError, r.Lower, r.Upper, r.PnlMean, r.PnlStd, r.MeanAbsInventory, GapClosed = ObjectiveEvaluator.GapClosed(r, constant, optimal) }),
                    Quotes = quotes,
                }));
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).Title($"{parse.GetValue(env)}: {count:N0} trajectories, seed {parse.GetValue(seed)}");
            table.AddColumn("strategy").AddColumn(new TableColumn("objective [[95% CI]]").RightAligned()).AddColumn(new TableColumn("PnL").RightAligned())
                .AddColumn(new TableColumn("std").RightAligned()).AddColumn(new TableColumn("mean |q|").RightAligned()).AddColumn(new TableColumn("gap closed").RightAligned());
            foreach (ObjectiveEstimate r in rows)
            {
                table.AddRow(new[]
                {
                    r.Strategy,
                    $"{Formats.Fixed(r.Mean, 4)} [{Formats.Fixed(r.Lower, 4)}, {Formats.Fixed(r.Upper, 4)}]",
                    Formats.Fixed(r.PnlMean, 4), Formats.Fixed(r.PnlStd, 4), Formats.Fixed(r.MeanAbsInventory, 3),
                    Formats.Percent(ObjectiveEvaluator.GapClosed(r, constant, optimal)),
                }.Select(Markup.Escape).ToArray());
            }

            terminal.Console.Write(table);
            terminal.Writer.WriteLine("objective: X_T + q_T·S_T − α·q_T² − φ∫q²dt; gap closed: (agent − best constant)/(optimum − best constant)");
            var quoteTable = new Table().Border(TableBorder.Rounded).Title("quotes (depth from the mid): learned vs optimal");
            quoteTable.AddColumn("time left").AddColumn(new TableColumn("q").RightAligned()).AddColumn(new TableColumn("bid").RightAligned()).AddColumn(new TableColumn("optimal bid").RightAligned())
                .AddColumn(new TableColumn("ask").RightAligned()).AddColumn(new TableColumn("optimal ask").RightAligned());
            foreach (QuoteRow q in quotes)
            {
                quoteTable.AddRow(Formats.Percent(q.TimeLeft), q.Inventory.ToString(CultureInfo.InvariantCulture), Formats.Fixed(q.BidDepth, 2), Formats.Fixed(q.ReferenceBidDepth, 2), Formats.Fixed(q.AskDepth, 2), Formats.Fixed(q.ReferenceAskDepth, 2));
            }

            terminal.Console.Write(quoteTable);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// A policy trained on the book against AS and GLFT with σ, A and κ calibrated on the same market,
    /// on held-out seeds (paired), over episodes as long as training's.
    /// </summary>
    private static int OnBook(Terminal terminal, ParseResult parse, string policyPath, string preset, int runs, ulong seed, StrategyOptions strategies, bool json)
    {
        AgentEnvironmentSettings book = BookEnvironment.For(preset);
        (string kind, IDiscretePolicy agent) = AgentFiles.Load(policyPath, AgentShape.Of(book));
        AgentMarketSetup setup = AgentMarketSetup.Resolve(parse, strategies, preset, seed, 1800);
        AgentMarketParameters market = setup.Market with { Duration = book.EpisodeSeconds, DecisionInterval = book.StepSeconds };
        StrategySettings analytical = setup.Settings with { Horizon = book.EpisodeSeconds, TimeStep = book.StepSeconds, MaxInventory = book.MaxInventory };
        var risk = new RiskLimits { MaxPosition = book.MaxInventory * market.LotSize }.Validate();
        double lambda = book.Phi * market.TickSize / (market.LotSize * market.LotSize);
        var penalty = new InventoryPenalty(lambda, lambda);
        var candidates = new (string Label, IQuotingStrategy Strategy)[]
        {
            (kind, new PolicyStrategy(kind, agent, book.Actions, book.MaxInventory, book.EpisodeSeconds, book.Observation, market.LotSize)),
            ("as", StrategyCatalog.Create("as", analytical)),
            ("glft", StrategyCatalog.Create("glft", analytical)),
        };
        var evaluations = candidates.Select(c => AgentMarketEvaluator.Evaluate(market, c.Strategy, c.Label, runs, seed, risk, analytical.Gamma, penalty)).ToList();
        var differences = evaluations.Skip(1).Select(e => PairedComparison.Of(e, evaluations[0], penalty)).ToList();
        var rows = evaluations.Select(e => SummaryRow.From(setup.Name, e.Summary)).ToList();
        if (json)
        {
            terminal.Writer.WriteLine(Json.Serialize(new { Results = rows, PairedDifferences = differences }));
            return 0;
        }

        SummaryTable.Write(terminal, rows, showMarket: false, title: $"{setup.Name}: {runs} held-out episodes of {book.EpisodeSeconds:G} s from seed {seed}");
        foreach (PairedComparison d in differences)
        {
            terminal.Writer.WriteLine($"{d.Candidate} − {d.Baseline} over {runs} paired seeds: {d.Describe()}");
        }

        return 0;
    }
}
