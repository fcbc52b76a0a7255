using System.CommandLine;
using System.Globalization;
using MarketMaking.Cli.Configuration;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Data.Files;
using MarketMaking.Learning.Agents.Ppo;
using MarketMaking.Learning.Environments;
using MarketMaking.Research;
using MarketMaking.Research.Cluster;
using MarketMaking.Research.Reports;
using MarketMaking.Research.Runs;
using MarketMaking.Research.Training;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm train --agent qlearning|dqn|ppo --env cj|lob|tape</c>: trains an RL agent
/// (<see cref="AgentTraining"/>) with a progress bar, a CSV learning curve, periodic checkpoints
/// (the --out file) and resume from a checkpoint.
/// </summary>
internal static class TrainAgentCommand
{
    public static void AddTo(Command train, Terminal terminal)
    {
        var agent = new Option<string?>("--agent") { Description = $"RL agent to train: {string.Join(", ", AgentCatalog.Names)}" };
        var env = new Option<string>("--env") { Description = $"environment: {string.Join(", ", EnvironmentPresets.Names)} (model market), lob (the agent-based book, --preset) or tape (a recorded L3 day's morning, --data)", DefaultValueFactory = _ => "cj" };
        var data = new Option<string?>("--data") { Description = "--env tape: a recorded order-by-order day (e.g. a LOBSTER zip)" };
        var format = new Option<string?>("--format") { Description = "--env tape: data format of --data (lobster, dbn-mbo, mmev; an .mmev file needs none)" };
        var open = new Option<string>("--open") { Description = "--env tape: earliest window start, New York time", DefaultValueFactory = _ => "09:30" };
        var until = new Option<string>("--until") { Description = "--env tape: no window reaches past this New York time (nothing after it is read)", DefaultValueFactory = _ => "12:00" };
        var latency = new Option<string>("--latency") { Description = "--env tape: order entry and cancel latency", DefaultValueFactory = _ => "0ms" };
        var preset = new Option<string>("--preset") { Description = "--env lob: market preset or .yaml file", DefaultValueFactory = _ => "toxic" };
        var steps = new Option<long?>("--steps") { Description = "environment transitions to train for, per member (one step of N trajectories counts N), rounded up to whole steps of the trajectories, for PPO to whole rollouts (100 steps × --envs); the summary says when (default: qlearning 400 M, dqn 2 M, ppo 6 M)" };
        var envs = new Option<int?>("--envs") { Description = "trajectories stepped together (default: ppo 256, others 64)" };
        var seed = new Option<ulong>("--seed") { Description = "random seed", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "policy file (JSON), also the checkpoint" };
        var resume = new Option<string?>("--resume") { Description = "continue training the agent in this policy file" };
        var curve = new Option<string?>("--curve") { Description = "CSV learning curve: steps, seconds, steps/s, mean episode reward" };
        var checkpoint = new Option<long>("--checkpoint-every") { Description = "transitions between checkpoints written to --out (0: only at the end)", DefaultValueFactory = _ => 5_000_000 };
        var learningRate = new Option<double?>("--learning-rate") { Description = "agent: learning rate (default: the agent's tuned value)" };
        var batchSize = new Option<int?>("--batch-size") { Description = "agent: minibatch size (DQN, PPO)" };
        var discount = new Option<double?>("--discount") { Description = "agent: discount γ (default 1: the objective is the undiscounted sum over the episode)" };
        var trainingPhi = new Option<double?>("--training-phi") { Description = "running inventory penalty φ of the training reward (reward shaping; evaluation keeps the environment's own φ)" };
        var exploringStarts = new Option<int>("--exploring-starts") { Description = "model market: start each training episode at an inventory drawn uniformly from −Q…Q (exploring starts; 0: at q0 = 0; evaluation always starts at q0)" };
        var members = new Option<int?>("--members") { Description = "agents trained on seeds SEED, SEED+1, … that act together (PPO, continuous PPO, DQN; default: ppo and ppo-continuous 3, dqn 4, others 1)" };
        var member = new Option<string?>("--member") { Description = "train only member I (0 … N−1) of the --members N ensemble, on the seeds it has in the whole ensemble; auto: I from the Slurm job array or Kubernetes Indexed Job. Join the members with mm train merge" };
        var updateFrequency = new Option<int?>("--update-frequency") { Description = "agent: transitions between DQN updates, or PPO's rollout length" };
        var gaeLambda = new Option<double?>("--gae-lambda") { Description = "agent: λ of PPO's generalized advantage estimate (default 0.3)" };
        var entropyCoefficient = new Option<double?>("--entropy-coefficient") { Description = "agent: weight of PPO's entropy bonus (default 0.003)" };
        var timeProducts = new Option<bool>("--time-products") { Description = "agent: PPO's network also sees each feature times the time left (q·τ, q²·τ)" };
        var timeScale = new Option<double?>("--time-scale") { Description = "agent: gain on the time left in PPO's network features (default: the inventory's gain, 5)" };
        var squash = new Option<string?>("--squash") { Description = "agent: how continuous PPO maps its Gaussian sample onto the depth range: tanh, or clip (the sample clipped to the range)" };
        var json = new Option<bool>("--json") { Description = "print {\"agent\",\"steps\" (every member's),\"steps_per_member\",\"steps_asked\" (per member),\"seconds\",\"steps_per_second\",\"mean_episode_reward\",\"policy\"}" };
        foreach (Option option in new Option[] { agent, env, preset, data, format, open, until, latency, steps, envs, seed, output, resume, curve, checkpoint, learningRate, batchSize, discount, updateFrequency, gaeLambda, entropyCoefficient, timeScale, timeProducts, squash, members, member, trainingPhi, exploringStarts, json })
        {
            train.Options.Add(option);
        }

        train.Subcommands.Add(Merge(terminal));
        train.SetAction(async (parse, cancellation) =>
        {
            if (parse.GetValue(agent) is null && parse.GetValue(resume) is null)
            {
                throw new InvalidParameterException("agent", $"name an agent (--agent {string.Join("|", AgentCatalog.Names)}) or a subcommand (detector, spread, merge)");
            }

            string envName = parse.GetValue(env)!;

            // A resume trains on the dynamics its file records: another value is refused, an option left out takes the recorded one.
            var c = CultureInfo.InvariantCulture;
            string resumePath = parse.GetValue(resume) ?? string.Empty;
            IReadOnlyDictionary<string, string>? record = parse.GetValue(resume) is { } resumed ? TrainingRecord.Read(resumed) : null;
            TrainingRecord.RequireEnvironment(record, resumePath, envName, parse.GetResult(env) is { Implicit: false });
            int? memberIndex = parse.GetValue(member) switch
            {
                null => null,
                "auto" => ArrayTask.Parse("member", $"auto/{parse.GetValue(members) ?? throw new InvalidParameterException("members", "--member auto needs --members N: the ensemble's size")}", Environment.GetEnvironmentVariable).Index,
                var text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int i) ? i : throw new InvalidParameterException("member", $"expected a member index or auto, got '{text}'"),
            };
            // An option of another environment would be ignored: the run would train on defaults the user did not choose.
            if (envName != "lob" && parse.GetResult(preset) is { Implicit: false })
            {
                throw new InvalidParameterException("preset", $"--preset chooses the book's market (--env lob), not --env {envName}'s");
            }

            if (envName != "tape" && new Option[] { data, format, open, until, latency }.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } tapeOption)
            {
                throw new InvalidParameterException(tapeOption.Name.TrimStart('-'), $"{tapeOption.Name} is for the recorded tape (--env tape), not --env {envName}");
            }

            if (parse.GetValue(exploringStarts) != 0 && envName is "lob" or "tape")
            {
                throw new InvalidParameterException("exploring-starts", $"exploring starts are for the model market (--env {string.Join("|", EnvironmentPresets.Names)}), not --env {envName}");
            }

            ActionSquash? actionSquash = parse.GetValue(squash) switch
            {
                null => null,
                var text when ActionSquashes.TryParse(text, out ActionSquash named) => named,
                var other => throw new InvalidParameterException("squash", $"expected tanh or clip, got '{other}'"),
            };
            if (actionSquash is not null && parse.GetValue(agent) is { } kind && kind != "ppo-continuous")
            {
                throw new InvalidParameterException("squash", $"only continuous PPO (--agent ppo-continuous) has a squash; --agent {kind} does not");
            }

            if (parse.GetValue(timeScale) is { } gain)
            {
                InvalidParameterException.RequirePositive("time-scale", gain);
            }

            string? Given(Option option, string text) => parse.GetResult(option) is { Implicit: false } ? text : null;
            string? Resumed(string key, string? given, string? unset = null) => TrainingRecord.Resume(record, resumePath, key, given, unset);
            // A market file by its absolute path, as recorded: the same file from another folder is the same preset.
            string presetGiven = TrainingRecord.PresetOf(parse.GetValue(preset)!);
            string presetName = envName == "lob" ? Resumed("preset", Given(preset, presetGiven)) ?? presetGiven : "-";
            string ownPhi = TrainingEnvironment.OwnPhi(envName).ToString("R", c);
            double? phi = TrainingRecord.Value<double>(resumePath, "training_phi", Resumed("training_phi", parse.GetValue(trainingPhi)?.ToString("R", c), ownPhi));
            int starts = TrainingRecord.Value<int>(resumePath, "exploring_starts", Resumed("exploring_starts", Given(exploringStarts, parse.GetValue(exploringStarts).ToString(c)))) ?? 0;
            int? trajectories = TrainingRecord.Value<int>(resumePath, "envs", Resumed("envs", parse.GetValue(envs)?.ToString(c)));
            ulong seedValue = TrainingRecord.Value<ulong>(resumePath, "seed", Resumed("seed", Given(seed, parse.GetValue(seed).ToString(c)))) ?? 1;
            TrainingTape? tape = envName == "tape" ? TrainingTape.Resolve(parse, data, format, open, until, latency, Resumed) : null;
            string[] given = [.. new (string Key, Option Option)[] { ("env", env), ("preset", preset), ("data", data), ("format", format), ("open", open), ("until", until), ("latency", latency), ("training_phi", trainingPhi), ("exploring_starts", exploringStarts), ("envs", envs), ("seed", seed) }
                .Where(o => parse.GetResult(o.Option) is { Implicit: false }).Select(o => o.Key)];
            // The options' own defaults (what parse gives for an option not given), as the record writes them.
            var defaults = new Dictionary<string, string>
            {
                ["env"] = parse.GetValue(env)!,
                ["preset"] = parse.GetValue(preset)!,
                ["format"] = tape is null ? string.Empty : MarketDataFormats.NamedOrDetected(null, tape.Data) ?? string.Empty,
                ["open"] = parse.GetValue(open)!,
                ["until"] = parse.GetValue(until)!,
                ["latency"] = parse.GetValue(latency)!,
                ["training_phi"] = ownPhi,
                ["exploring_starts"] = parse.GetValue(exploringStarts).ToString(c),
                ["envs"] = record?.GetValueOrDefault("agent") is { } recordedAgent ? AgentCatalog.DefaultEnvironments(recordedAgent).ToString(c) : string.Empty,
                ["seed"] = parse.GetValue(seed).ToString(c),
            };
            string? taken = TrainingRecord.Taken(record, resumePath, given, defaults);
            TrainingEnvironment environment = envName switch
            {
                "lob" => TrainingEnvironment.Book(AgentMarketPresets.Load(presetName), phi),
                "tape" => tape!.Environment(phi),
                _ => TrainingEnvironment.Model(envName, phi, starts),
            };
            var run = new Dictionary<string, string>
            {
                ["preset"] = presetName,
                ["data"] = tape?.Recorded ?? "-",
                ["training_phi"] = phi?.ToString("R", c) ?? "default",
                ["exploring_starts"] = starts.ToString(c),
            };
            if (tape is not null)
            {
                // The tape's settings, as its record checks them on a resume.
                (run["format"], run["open"], run["until"], run["latency"]) = (tape.Format, Clocks.Format(tape.Open), Clocks.Format(tape.Until), Durations.Format(tape.Latency));
            }

            var training = AgentTraining.Prepare(
                new AgentTrainingSettings
                {
                    Agent = parse.GetValue(agent),
                    ResumeFrom = parse.GetValue(resume),
                    Steps = parse.GetValue(steps),
                    Environments = trajectories,
                    Members = parse.GetValue(members),
                    Member = memberIndex,
                    Run = run,
                    Seed = seedValue,
                    Overrides = new AgentOverrides(parse.GetValue(learningRate), parse.GetValue(batchSize), parse.GetValue(discount), parse.GetValue(updateFrequency),
                        parse.GetValue(gaeLambda), parse.GetValue(entropyCoefficient), parse.GetValue(timeScale),
                        parse.GetValue(timeProducts) ? true : null, actionSquash),
                    OutputPath = parse.GetValue(output),
                    CheckpointEvery = parse.GetValue(checkpoint),
                    CurvePath = parse.GetValue(curve),
                },
                environment);
            string name = training.Kind;
            if (training.ResumedFromStep is { } from)
            {
                int members = AgentCatalog.MembersOf(training.Agent);
                terminal.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"resuming {name} from {parse.GetValue(resume)} at step {from:N0}{(members > 1 ? $" per member ({members} members)" : string.Empty)}: {training.StepsPerMember:N0} more, to {from + training.StepsPerMember:N0}"));
                if (taken is not null)
                {
                    terminal.Error.WriteLine(taken);
                }
            }

            AgentTrainingResult? result = null;
            await ProgressBars.RunAsync(terminal, $"{name} on {envName}", training.TotalSteps, task =>
            {
                result = training.Run(new InlineProgress<AgentTrainingProgress>(p =>
                {
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"{name}: {Formats.Rate(p.StepsPerSecond)} steps/s, mean episode {p.MeanEpisodeReward:F3}");
                    task.Value = p.Steps;
                }), cancellation);
                return Task.CompletedTask;
            }).ConfigureAwait(false);

            long perMember = result!.Steps / AgentCatalog.MembersOf(training.Agent);
            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new { Agent = name, result.Steps, StepsPerMember = perMember, training.StepsAsked, result.Seconds, result.StepsPerSecond, result.MeanEpisodeReward, Policy = result.PolicyPath }));
                return 0;
            }

            // Steps come in whole rollouts (PPO) or whole steps of the trajectories: say when that trained more than asked.
            string rounded = perMember == training.StepsAsked ? string.Empty : string.Create(c, $" (--steps {training.StepsAsked:N0} rounded up to {perMember:N0} per member: {training.StepUnit})");
            terminal.Writer.WriteLine(string.Create(
                c,
                $"{name}: {result.Steps:N0} transitions{rounded} in {result.Seconds:F1} s ({Formats.Rate(result.StepsPerSecond)} steps/s), {EpisodeReward(result.MeanEpisodeReward)}{(result.PolicyPath is null ? string.Empty : $"; policy: {result.PolicyPath}")}"));
            return 0;
        });
    }

    /// <summary>The mean reward of the episodes finished; a run shorter than one episode has none (its mean is NaN), which "NaN" did not say.</summary>
    private static string EpisodeReward(double mean) => double.IsNaN(mean)
        ? "no episode finished yet (mean episode reward unknown)"
        : string.Create(CultureInfo.InvariantCulture, $"mean episode reward {mean:F4}");

    private static Command Merge(Terminal terminal)
    {
        var files = new Argument<string[]>("files") { Description = "the members' policy files (mm train --members N --member I)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "the ensemble's policy file", Required = true };
        var json = new Option<bool>("--json") { Description = "print {\"agent\",\"members\",\"policy\"}" };
        var command = new Command("merge", "Join ensemble members trained apart into the ensemble one process trains (the same file, byte for byte); refuses a missing, repeated, unfinished or foreign member.") { files, output, json };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(output)!;
            (string kind, int count) = EnsembleMemberFile.Merge(parse.GetValue(files)!, path);
            terminal.Writer.WriteLine(parse.GetValue(json)
                ? Json.Serialize(new { Agent = kind, Members = count, Policy = path })
                : $"{kind} ensemble of {count} members: {path}");
            return 0;
        });
        return command;
    }
}
