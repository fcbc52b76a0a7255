using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MarketMaking.Cli.Options;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Learning.Environments;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm train --agent qlearning|ppo --env cj</c>: trains an RL agent on the vectorized model
/// market with a progress bar, a CSV learning curve, periodic checkpoints (the --out file) and
/// resume from a checkpoint.
/// </summary>
internal static class TrainAgentCommand
{
    public static void AddTo(Command train, Terminal terminal)
    {
        var agent = new Option<string?>("--agent") { Description = $"RL agent to train: {string.Join(", ", AgentFiles.Names)}" };
        var env = new Option<string>("--env") { Description = $"environment: {string.Join(", ", EnvironmentPresets.Names)} (model market) or lob (the agent-based book, --preset)", DefaultValueFactory = _ => "cj" };
        var preset = new Option<string>("--preset") { Description = "--env lob: market preset or .yaml file", DefaultValueFactory = _ => "toxic" };
        var steps = new Option<long?>("--steps") { Description = "environment transitions to train for, per member (one step of N trajectories counts N; default: qlearning 400 M, dqn 2 M, ppo 6 M)" };
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
        var members = new Option<int?>("--members") { Description = "agents trained on seeds SEED, SEED+1, … that act together (PPO, DQN; default: ppo 3, dqn 4, qlearning 1)" };
        var updateFrequency = new Option<int?>("--update-frequency") { Description = "agent: transitions between DQN updates, or PPO's rollout length" };
        foreach (Option option in new Option[] { agent, env, preset, steps, envs, seed, output, resume, curve, checkpoint, learningRate, batchSize, discount, updateFrequency, members, trainingPhi })
        {
            train.Options.Add(option);
        }

        train.SetAction(async (parse, cancellation) =>
        {
            string? kind = parse.GetValue(agent);
            if (kind is null && parse.GetValue(resume) is null)
            {
                throw new InvalidParameterException("agent", $"name an agent (--agent {string.Join("|", AgentFiles.Names)}) or a subcommand (detector, spread)");
            }

            string envName = parse.GetValue(env)!;
            AgentEnvironmentSettings? book = envName == "lob" ? BookEnvironment.For(parse.GetValue(preset)!) : null;
            EnvironmentSettings? model = book is null ? EnvironmentPresets.Get(envName) : null;
            if (parse.GetValue(trainingPhi) is { } phi)
            {
                book = book is null ? null : (book with { Phi = phi }).Validate();
                model = model is null ? null : (model with { Phi = phi }).Validate();
            }

            AgentShape shape = book is not null ? AgentShape.Of(book) : AgentShape.Of(model!);
            ulong seedValue = parse.GetValue(seed);
            (string Kind, object Agent)? resumed = parse.GetValue(resume) is { } from ? AgentFiles.LoadAgent(from) : null;
            if (resumed is { Agent: var loaded } && parse.GetValue(members) is { } asked && asked != AgentFiles.MembersOf(loaded))
            {
                throw new InvalidParameterException("members", $"the policy being resumed has {AgentFiles.MembersOf(loaded)}, not {asked}");
            }

            string name = resumed?.Kind ?? kind!;
            long total = parse.GetValue(steps) ?? AgentFiles.DefaultSteps(name);
            if (total <= 0)
            {
                throw new InvalidParameterException("steps", $"must be positive, got {total}");
            }

            int count = parse.GetValue(envs) ?? AgentFiles.DefaultEnvironments(name);
            if (count < 1)
            {
                throw new InvalidParameterException("envs", $"must be at least 1, got {count}");
            }

            var overrides = new AgentOverrides(parse.GetValue(learningRate), parse.GetValue(batchSize), parse.GetValue(discount), parse.GetValue(updateFrequency));
            object trained = resumed?.Agent ?? AgentFiles.Create(name, shape, (int)(seedValue % int.MaxValue), total, overrides, parse.GetValue(members) ?? AgentFiles.DefaultMembers(name));
            long perMember = total;
            total *= AgentFiles.MembersOf(trained);
            string? path = parse.GetValue(output);
            long every = parse.GetValue(checkpoint);
            using StreamWriter? curveFile = parse.GetValue(curve) is { } curvePath ? OutputFiles.Create(curvePath) : null;
            curveFile?.WriteLine("steps,seconds,steps_per_second,mean_episode_reward");
            var clock = Stopwatch.StartNew();
            long nextCheckpoint = every > 0 ? every : long.MaxValue;
            (long Steps, double Rate, double Reward) last = (0, double.NaN, double.NaN);
            IVectorEnvironment NewEnvironment() => book is not null ? new AgentMarketEnvironment(book, count) : new ModelMarketEnvironment(model!, count);
            await ProgressBars.RunAsync(terminal, $"{name} on {envName}", total, task =>
            {
                AgentFiles.Train(trained, NewEnvironment, perMember, seedValue, (done, rate, reward) =>
                {
                    last = (done, rate, reward);
                    curveFile?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{done},{clock.Elapsed.TotalSeconds:F3},{rate:F0},{reward:G6}"));
                    if (task is not null)
                    {
                        task.Value = done;
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"{name}: {Formats.Rate(rate)} steps/s, mean episode {reward:F3}");
                    }

                    if (path is not null && done >= nextCheckpoint)
                    {
                        AgentFiles.Save(trained, path);
                        nextCheckpoint += every;
                    }
                }, cancellation);
                return Task.CompletedTask;
            }).ConfigureAwait(false);
            if (path is not null)
            {
                AgentFiles.Save(trained, path);
            }

            terminal.Writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{name}: {last.Steps:N0} transitions in {clock.Elapsed.TotalSeconds:F1} s ({Formats.Rate(last.Rate)} steps/s), mean episode reward {last.Reward:F4}{(path is null ? string.Empty : $"; policy: {path}")}"));
            return 0;
        });
    }
}
