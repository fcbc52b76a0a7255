using System.CommandLine;
using System.Globalization;
using MarketMaking.Cli.Configuration;
using MarketMaking.Cli.Options;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Learning.Agents;
using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Evaluation;
using MarketMaking.Research;
using MarketMaking.Research.Evaluation;
using MarketMaking.Research.Quoting;
using MarketMaking.Research.Reports;
using MarketMaking.Research.Runs;
using MarketMaking.Research.Simulations;
using MarketMaking.Research.Training;
using Spectre.Console;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm evaluate</c>: a trained policy beside Avellaneda–Stoikov, GLFT, the exact Cartea–Jaimungal
/// optimum and the best constant depth (<see cref="ModelPolicyEvaluation"/>), or on the book beside
/// calibrated AS and GLFT (<see cref="BookPolicyEvaluation"/>), printed as tables.
/// </summary>
internal static class EvaluateCommand
{
    /// <summary>What the book's baselines read: AS's and GLFT's own parameters, less the inventory limit (the book's).</summary>
    private static readonly string[] BookBaselineParameters =
        [.. new[] { "as", "glft" }.SelectMany(StrategyFactory.Parameters).Distinct().Where(key => key != "max_inventory")];

    public static Command Create(Terminal terminal)
    {
        var policy = new Option<string>("--policy") { Description = "policy file from 'mm train --agent'", Required = true };
        var env = new Option<string>("--env") { Description = $"environment: {string.Join(", ", EnvironmentPresets.Names)} or lob (the agent-based book, --preset)", DefaultValueFactory = _ => "cj" };
        var preset = new Option<string>("--preset") { Description = "--env lob: market preset or .yaml file", DefaultValueFactory = _ => "toxic" };
        var runs = new Option<int>("--runs") { Description = "evaluation trajectories (the same seeds for every strategy)", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<ulong>("--seed") { Description = "seed of the evaluation trajectories (use one training did not)", DefaultValueFactory = _ => 1_000_001 };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("evaluate", "Compare a trained policy with the analytical strategies and the known optimum.") { policy, env, preset, runs, seed, json };
        var strategies = new StrategyOptions("as");
        strategies.AddTo(command, includeStrategyList: false);
        command.SetAction(async parse =>
        {
            int count = parse.GetValue(runs) is >= 2 and var n ? n : throw new InvalidParameterException("runs", "must be at least 2");

            // The policy's recorded environment, checked before it is loaded (after the options): another one is refused even where its sizes would fit.
            void CheckRecord()
            {
                if (File.Exists(parse.GetValue(policy)))
                {
                    foreach (string note in EvaluatedPolicyRecord.Check(parse.GetValue(policy)!, parse.GetValue(env)!, parse.GetResult(env) is { Implicit: false }, parse.GetValue(preset)!, parse.GetResult(preset) is { Implicit: false }, TickSizeOf))
                    {
                        terminal.Error.WriteLine(note);
                    }
                }
            }

            if (parse.GetValue(env) == "lob")
            {
                strategies.RefuseUnread(parse, "mm evaluate --env lob", BookBaselineParameters);
                CheckRecord();
                return await OnBook(terminal, parse, parse.GetValue(policy)!, parse.GetValue(preset)!, count, parse.GetValue(seed), strategies, parse.GetValue(json)).ConfigureAwait(false);
            }

            // The environment fixes the model, the inventory limit and the penalties; only AS's and GLFT's γ is the user's.
            strategies.RefuseUnread(parse, $"mm evaluate --env {parse.GetValue(env)}", ["gamma"]);
            if (parse.GetResult(preset) is { Implicit: false })
            {
                throw new InvalidParameterException("preset", $"--preset chooses the book's market (--env lob); --env {parse.GetValue(env)} is the model market");
            }

            EnvironmentSettings settings = EnvironmentPresets.Get(parse.GetValue(env)!);
            CheckRecord();
            (string kind, PolicyStrategy agent) = AgentCatalog.LoadStrategy(parse.GetValue(policy)!, settings);
            ModelPolicyEvaluation? evaluation = null;
            await ProgressBars.RunAsync(terminal, $"evaluate {kind} on {parse.GetValue(env)}: {count:N0} trajectories", 5, task =>
            {
                evaluation = ModelPolicyEvaluation.Run(agent, settings, count, parse.GetValue(seed), strategies.Gamma(parse) ?? 0.1, Progress(task));
                return Task.CompletedTask;
            }).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new
                {
                    Environment = parse.GetValue(env),
                    Runs = count,
                    Seed = parse.GetValue(seed),
                    Results = evaluation!.Rows.Select(r => new { r.Strategy, Objective = r.Mean, r.StandardError, r.Lower, r.Upper, r.PnlMean, r.PnlStd, r.MeanAbsInventory, GapClosed = evaluation.GapClosed(r) }),
                    Quotes = evaluation.Quotes,
                }));
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).Title($"{parse.GetValue(env)}: {count:N0} trajectories, seed {parse.GetValue(seed)}");
            table.AddColumn("strategy").AddColumn(new TableColumn("objective [[95% CI]]").RightAligned()).AddColumn(new TableColumn("PnL").RightAligned())
                .AddColumn(new TableColumn("std").RightAligned()).AddColumn(new TableColumn("mean |q|").RightAligned()).AddColumn(new TableColumn("gap closed").RightAligned());
            foreach (ObjectiveEstimate r in evaluation!.Rows)
            {
                table.AddRow(new[]
                {
                    r.Strategy,
                    $"{Formats.Fixed(r.Mean, 4)} [{Formats.Fixed(r.Lower, 4)}, {Formats.Fixed(r.Upper, 4)}]",
                    Formats.Fixed(r.PnlMean, 4), Formats.Fixed(r.PnlStd, 4), Formats.Fixed(r.MeanAbsInventory, 3),
                    Formats.Percent(evaluation.GapClosed(r)),
                }.Select(Markup.Escape).ToArray());
            }

            terminal.Console.Write(table);
            terminal.Writer.WriteLine("objective: X_T + q_T·S_T − α·q_T² − φ∫q²dt; gap closed: (agent − best constant)/(optimum − best constant)");
            var quoteTable = new Table().Border(TableBorder.Rounded).Title("quotes (depth from the mid): learned vs optimal");
            quoteTable.AddColumn("time left").AddColumn(new TableColumn("q").RightAligned()).AddColumn(new TableColumn("bid").RightAligned()).AddColumn(new TableColumn("optimal bid").RightAligned())
                .AddColumn(new TableColumn("ask").RightAligned()).AddColumn(new TableColumn("optimal ask").RightAligned());
            foreach (QuoteRow q in evaluation.Quotes)
            {
                quoteTable.AddRow(Formats.Percent(q.TimeLeft), q.Inventory.ToString(CultureInfo.InvariantCulture), Formats.Fixed(q.BidDepth, 2), Formats.Fixed(q.ReferenceBidDepth, 2), Formats.Fixed(q.AskDepth, 2), Formats.Fixed(q.ReferenceAskDepth, 2));
            }

            terminal.Console.Write(quoteTable);
            return 0;
        });
        return command;
    }

    /// <summary>A policy trained on the book against calibrated AS and GLFT on held-out seeds (<see cref="BookPolicyEvaluation"/>).</summary>
    private static async Task<int> OnBook(Terminal terminal, ParseResult parse, string policyPath, string preset, int runs, ulong seed, StrategyOptions strategies, bool json)
    {
        AgentEnvironmentSettings book = BookEnvironment.For(AgentMarketPresets.Load(preset));
        (string kind, PolicyStrategy agent) = AgentCatalog.LoadStrategy(policyPath, book);
        AgentMarketSetup setup = strategies.AgentMarket(parse, preset, seed, BookPolicyEvaluation.CalibrationSeconds);
        BookPolicyEvaluation? result = null;
        await ProgressBars.RunAsync(terminal, $"evaluate {kind} on {setup.Name}: {runs:N0} episodes", 3, task =>
        {
            result = BookPolicyEvaluation.Run(agent, book, setup, runs, seed, Progress(task));
            return Task.CompletedTask;
        }).ConfigureAwait(false);
        BookPolicyEvaluation evaluation = result!;
        if (json)
        {
            terminal.Writer.WriteLine(Json.Serialize(new { Runs = runs, Seed = seed, Results = evaluation.Rows, PairedDifferences = evaluation.Differences }));
            return 0;
        }

        SummaryTable.Write(terminal, evaluation.Rows, showMarket: false, title: $"{setup.Name}: {runs} held-out episodes of {book.EpisodeSeconds:G} s from seed {seed}");
        foreach (PairedComparison d in evaluation.Differences)
        {
            terminal.Writer.WriteLine($"{d.Candidate} − {d.Baseline} over {runs} paired seeds: {d.Describe()}");
        }

        return 0;
    }

    /// <summary>A book preset's tick size; null for one that cannot be read (a market file recorded by a policy, since moved).</summary>
    private static double? TickSizeOf(string preset)
    {
        try
        {
            return AgentMarketPresets.Load(preset).TickSize;
        }
        catch (MarketMakingException)
        {
            return null;
        }
    }

    /// <summary>Each strategy scored moves the progress on and names it.</summary>
    private static InlineProgress<EvaluationProgress> Progress(ProgressLine task) => new(p =>
    {
        task.Description = $"evaluate: {p.Finished} scored";
        task.Value = p.Done;
    });
}
