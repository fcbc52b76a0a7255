using System.CommandLine;
using System.Globalization;
using MarketMaking.Cli.Configuration;
using MarketMaking.Core.Errors;
using MarketMaking.Research.Benchmarks;
using MarketMaking.Research.Reports;
using MarketMaking.Research.Runs;
using MarketMaking.Simulation.Agents;
using MarketMaking.Simulation.Matching;

namespace MarketMaking.Cli.Commands;

/// <summary><c>mm bench</c>: throughput of the toolkit's engines on this machine (<see cref="Throughput"/>).</summary>
internal static class BenchCommand
{
    public static Command Create(Terminal terminal)
    {
        var command = new Command("bench", "Measure throughput (the figures of the README's performance table).");
        command.Subcommands.Add(Simulation(terminal));
        command.Subcommands.Add(Book(terminal));
        command.Subcommands.Add(Replay(terminal));
        command.Subcommands.Add(Agents(terminal));
        command.Subcommands.Add(RlEnvironment(terminal));
        command.Subcommands.Add(Training(terminal));
        return command;
    }

    private static Command Training(Terminal terminal)
    {
        var agent = new Option<string>("--agent") { Description = $"agent: {string.Join(", ", Throughput.TrainingAgents)}", DefaultValueFactory = _ => "ppo" };
        var transitions = new Option<long>("--transitions") { Description = "transitions per timed run (PPO trains whole rollouts of 25,600)", DefaultValueFactory = _ => 256_000 };
        var repeats = new Option<int>("--repeats") { Description = "timed runs (the fastest is reported)", DefaultValueFactory = _ => 3 };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("train", "Training throughput on the known-optimum benchmark (cj): transitions per second including updates and without them (the rollout alone), one member with the agent's mm train defaults, seed 1, beside the load average.") { agent, transitions, repeats, json };
        command.SetAction(parse =>
        {
            TrainingThroughput result = Throughput.Training(parse.GetValue(agent)!, parse.GetValue(transitions), parse.GetValue(repeats));
            double? load = LoadAverage.OneMinute();
            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new { Benchmark = "train", result.Agent, result.Trajectories, result.Transitions, result.Runs, result.Seconds, result.TransitionsPerSecond, result.UpdateSeconds, result.RolloutTransitionsPerSecond, LoadAverage = load }));
            }
            else
            {
                string loadText = load is { } l ? string.Create(CultureInfo.InvariantCulture, $"load average {l:F2}") : "load average unknown";
                terminal.Writer.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"train ({result.Agent}): {Formats.Rate(result.TransitionsPerSecond)} transitions/s including updates, {Formats.Rate(result.RolloutTransitionsPerSecond)} without (the rollout alone; best of {result.Runs}), {result.Transitions:N0} transitions of {result.Trajectories} trajectories in {result.Seconds:F2} s, {result.UpdateSeconds:F2} s of it updating; {loadText}"));
            }

            return 0;
        });
        return command;
    }

    private static Command RlEnvironment(Terminal terminal)
    {
        var trajectories = new Option<int>("--trajectories") { Description = "trajectories per environment (one environment per core)", DefaultValueFactory = _ => 4096 };
        var steps = new Option<int>("--steps") { Description = "steps timed per run", DefaultValueFactory = _ => 2000 };
        var environments = new Option<int?>("--environments") { Description = "environments stepped side by side, one thread each (default: one per core; 1 compares with one Python process)" };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("env", "The vectorized RL environment (Cartea–Jaimungal benchmark) with a fixed policy, in trajectory-steps per second.") { trajectories, steps, environments, json };
        command.SetAction(parse =>
        {
            int count = (int)InvalidParameterException.RequireAtLeastOne("trajectories", parse.GetValue(trajectories));
            int stepCount = (int)InvalidParameterException.RequireAtLeastOne("steps", parse.GetValue(steps));
            int? threads = parse.GetValue(environments) is { } e ? (int)InvalidParameterException.RequireAtLeastOne("environments", e) : null;
            EnvironmentThroughput result = Throughput.RlEnvironment(count, stepCount, threads);
            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new { Benchmark = "env", result.Trajectories, result.Environments, result.Steps, result.TrajectoryStepsPerSecond }));
            }
            else
            {
                terminal.Writer.WriteLine($"env: {Formats.Rate(result.TrajectoryStepsPerSecond)} trajectory-steps/s, {result.Environments} environments × {count:N0} trajectories × {stepCount:N0} steps, fixed action");
            }

            return 0;
        });
        return command;
    }

    private static Command Agents(Terminal terminal)
    {
        var preset = new Option<string>("--preset") { Description = "market preset", DefaultValueFactory = _ => "liquid" };
        var hours = new Option<double>("--hours") { Description = "simulated hours per run", DefaultValueFactory = _ => 4 };
        var repeats = new Option<int>("--repeats") { Description = "timed runs (the median is reported)", DefaultValueFactory = _ => 3 };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("abm", "Agent-based market with a quoting strategy (rolling Avellaneda–Stoikov) attached, in events per second.") { preset, hours, repeats, json };
        command.SetAction(parse =>
        {
            AgentMarketParameters market = AgentMarketPresets.Load(parse.GetValue(preset)!) with { Duration = InvalidParameterException.RequirePositive("hours", parse.GetValue(hours)) * 3600 };
            EventThroughput result = Throughput.AgentMarket(market, parse.GetValue(repeats));
            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new { Benchmark = "abm", Preset = parse.GetValue(preset), result.Events, result.Runs, result.EventsPerSecond, result.EventsPerCpuSecond }));
            }
            else
            {
                terminal.Writer.WriteLine($"abm ({parse.GetValue(preset)}): {Formats.Rate(result.EventsPerSecond)} events/s with a quoting strategy (median of {result.Runs}; {Formats.Rate(result.EventsPerCpuSecond)} per CPU-second), {result.Events:N0} events per {parse.GetValue(hours):G}-hour run");
            }

            return 0;
        });
        return command;
    }

    private static Command Book(Terminal terminal)
    {
        var messages = new Option<int>("--messages") { Description = "messages in the workload", DefaultValueFactory = _ => 2_000_000 };
        var rounds = new Option<int>("--repeats") { Description = "timed replays of the workload (the median is reported)", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("lob", "Matching engine on one core: ~60% limit adds, 35% cancels, 5% market orders near the touch.") { messages, rounds, json };
        command.SetAction(parse =>
        {
            MatchingThroughput result = MatchingWorkload.Measure(
                (int)InvalidParameterException.RequireAtLeastOne("messages", parse.GetValue(messages)),
                seed: 1,
                rounds: (int)InvalidParameterException.RequireAtLeastOne("repeats", parse.GetValue(rounds)));
            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new { Benchmark = "lob", result.Messages, result.Rounds, result.MessagesPerSecond, result.AllocatedBytesPerMessage }));
            }
            else
            {
                terminal.Writer.WriteLine($"lob: {Formats.Rate(result.MessagesPerSecond)} messages/s on one core (median of {result.Rounds}), {result.AllocatedBytesPerMessage:F2} bytes allocated per message");
            }

            return 0;
        });
        return command;
    }

    private static Command Replay(Terminal terminal)
    {
        var data = new Option<string[]>("--data") { Description = "recorded data file; a second --data: the merged two-file replay of a hedged backtest (beta hedge on the second)", Required = true };
        var format = new Option<string>("--format") { Description = "data format (of every file)", DefaultValueFactory = _ => "mmev" };
        var repeats = new Option<int>("--repeats") { Description = "timed replays (the median is reported)", DefaultValueFactory = _ => 5 };
        var queues = new Option<string?>("--queues") { Description = "exact: our orders in the real queues (order-by-order data only); model: risk-averse shadow queues (default: exact on order-by-order data, as mm backtest)" };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("replay", "Full replay (book, AS strategy, 5 ms latency; exact L3 queues on order-by-order data, else risk-averse queues) in events per second; with two files merged by receive time, the second hedged into.") { data, format, repeats, queues, json };
        command.SetAction(parse =>
        {
            string name = parse.GetValue(format)!;
            string[] files = parse.GetValue(data)!;
            bool? exact = parse.GetValue(queues) switch
            {
                null => null,
                "exact" => true,
                "model" => false,
                string other => throw new InvalidParameterException("queues", $"'{other}' is not exact or model"),
            };
            (EventThroughput result, bool exactQueues) = files.Length switch
            {
                1 => Throughput.Replay(files[0], name, parse.GetValue(repeats), exact),
                2 when exact is not true => (Throughput.MergedReplay(files[0], files[1], name, parse.GetValue(repeats)), false),
                2 => throw new InvalidParameterException("queues", "the merged two-file replay runs the risk-averse queue model only"),
                _ => throw new InvalidParameterException("data", $"one file, or two for the merged hedged replay; got {files.Length}"),
            };
            name = files.Length == 2 ? $"{name}, 2 files merged" : name;
            string queueText = exactQueues ? "exact" : "model";
            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new
                {
                    Benchmark = "replay", Format = name, Queues = queueText, result.Events, result.Batches, result.Runs,
                    result.EventsPerSecond, result.EventsPerCpuSecond, result.BatchesPerSecond, result.BatchesPerCpuSecond,
                }));
            }
            else
            {
                terminal.Writer.WriteLine($"replay ({name}, {(exactQueues ? "exact L3 queues" : "risk-averse queue model")}): {Formats.Rate(result.EventsPerSecond)} events/s (median of {result.Runs}; {Formats.Rate(result.EventsPerCpuSecond)} per CPU-second), {result.Events:N0} events per run");
                if (result.Batches > 0)
                {
                    terminal.Writer.WriteLine($"  = {Formats.Rate(result.BatchesPerSecond)} batches/s ({Formats.Rate(result.BatchesPerCpuSecond)} per CPU-second), {result.Batches:N0} batches (book updates as sent, the strategy's decision points) per run");
                }
            }

            return 0;
        });
        return command;
    }

    private static Command Simulation(Terminal terminal)
    {
        var trajectories = new Option<int>("--trajectories") { Description = "trajectories per run", DefaultValueFactory = _ => 100_000 };
        var repeats = new Option<int>("--repeats") { Description = "timed runs (the median is reported)", DefaultValueFactory = _ => 5 };
        var threads = new Option<int>("--threads") { Description = "worker threads (0: all cores)", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("sim", "Vectorized model market: Avellaneda–Stoikov market and strategy, trajectory-steps per second.")
        {
            trajectories, repeats, threads, json,
        };
        command.SetAction(parse =>
        {
            SimulationThroughput result = Throughput.ModelMarket(parse.GetValue(trajectories), parse.GetValue(repeats), parse.GetValue(threads));
            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new
                {
                    Benchmark = "sim",
                    result.Trajectories,
                    result.Steps,
                    result.VectorWidth,
                    result.Threads,
                    result.SecondsMedian,
                    result.TrajectoryStepsPerSecond,
                    result.TrajectoryStepsPerSecondBest,
                    result.TrajectoryStepsPerCpuSecond,
                }));
            }
            else
            {
                terminal.Writer.WriteLine(
                    $"sim: {Formats.Rate(result.TrajectoryStepsPerSecond)} trajectory-steps/s (median of {parse.GetValue(repeats)}; best {Formats.Rate(result.TrajectoryStepsPerSecondBest)}; {Formats.Rate(result.TrajectoryStepsPerCpuSecond)} per CPU-second), " +
                    $"{result.Trajectories:N0} trajectories × {result.Steps} steps, {result.Threads} threads, {result.VectorWidth} lanes per vector");
            }

            return 0;
        });
        return command;
    }
}
