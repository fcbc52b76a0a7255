using System.CommandLine;
using System.Diagnostics;
using System.Numerics;
using MarketMaking.Cli.Configuration;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Data.Files;
using MarketMaking.Learning.Environments;
using MarketMaking.Research.Reports;
using MarketMaking.Research.Runs;
using MarketMaking.Simulation.Agents;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Simulation.Matching;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Simulation.Replay;
using MarketMaking.Strategies;

namespace MarketMaking.Cli.Commands;

/// <summary><c>mm bench</c>: throughput of the toolkit's engines on this machine.</summary>
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
        return command;
    }

    private static Command RlEnvironment(Terminal terminal)
    {
        var trajectories = new Option<int>("--trajectories") { Description = "trajectories per environment (one environment per core)", DefaultValueFactory = _ => 4096 };
        var steps = new Option<int>("--steps") { Description = "steps timed per run", DefaultValueFactory = _ => 2000 };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("env", "The vectorized RL environment (Cartea–Jaimungal benchmark) with a fixed policy, in trajectory-steps per second.") { trajectories, steps, json };
        command.SetAction(parse =>
        {
            int count = parse.GetValue(trajectories) is >= 1 and var c ? c : throw new InvalidParameterException("trajectories", "must be at least 1");
            int stepCount = parse.GetValue(steps) is >= 1 and var n ? n : throw new InvalidParameterException("steps", "must be at least 1");
            int cores = System.Environment.ProcessorCount;
            var environments = Enumerable.Range(0, cores).Select(_ => new ModelMarketEnvironment(EnvironmentPresets.CarteaJaimungal, count)).ToArray();
            int action = EnvironmentPresets.CarteaJaimungal.Actions.Nearest(1.2, 1.2);
            double Run(int timed) => StepAll(environments, count, timed, action);
            Run(stepCount / 4);
            double seconds = Run(stepCount);
            double rate = (double)cores * count * stepCount / seconds;
            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new { Benchmark = "env", Trajectories = count, Environments = cores, Steps = stepCount, TrajectoryStepsPerSecond = rate }));
            }
            else
            {
                terminal.Writer.WriteLine($"env: {Formats.Rate(rate)} trajectory-steps/s, {cores} environments × {count:N0} trajectories × {stepCount:N0} steps, fixed action");
            }

            return 0;
        });
        return command;
    }

    /// <summary>Steps every environment on its own core; returns the wall-clock seconds.</summary>
    private static double StepAll(ModelMarketEnvironment[] environments, int count, int steps, int action)
    {
        long start = Stopwatch.GetTimestamp();
        Parallel.For(0, environments.Length, new ParallelOptions { MaxDegreeOfParallelism = environments.Length }, e =>
        {
            ModelMarketEnvironment env = environments[e];
            float[] observations = new float[count * env.ObservationSize], rewards = new float[count];
            bool[] terminated = new bool[count], truncated = new bool[count];
            int[] actions = Enumerable.Repeat(action, count).ToArray();
            env.Reset((ulong)e + 1, observations);
            for (int step = 0; step < steps; step++)
            {
                env.Step(actions, observations, rewards, terminated, truncated);
            }
        });
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
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
            IQuotingStrategy strategy = StrategyCatalog.Create("as-rolling", new StrategySettings { Sigma = 0.05, A = 5, Kappa = 20, OrderQuantity = market.LotSize });
            int runs = Math.Max(1, parse.GetValue(repeats));
            var rates = new double[runs + 1];
            long events = 0;
            for (int i = 0; i <= runs; i++)
            {
                long start = Stopwatch.GetTimestamp();
                var agentMarket = new AgentMarket(market, (ulong)(i + 1));
                EventLoop.Run(agentMarket, strategy, new RunSettings());
                events = agentMarket.Events;
                rates[i] = events / Stopwatch.GetElapsedTime(start).TotalSeconds;
            }

            // The first run warms the JIT and is not counted.
            double[] timed = rates[1..];
            Array.Sort(timed);
            double median = timed[runs / 2];
            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new { Benchmark = "abm", Preset = parse.GetValue(preset), Events = events, Runs = runs, EventsPerSecond = median }));
            }
            else
            {
                terminal.Writer.WriteLine($"abm ({parse.GetValue(preset)}): {Formats.Rate(median)} events/s with a quoting strategy (median of {runs}), {events:N0} events per {parse.GetValue(hours):G}-hour run");
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
            MatchingThroughput result = MatchingWorkload.Measure(parse.GetValue(messages), seed: 1, rounds: Math.Max(1, parse.GetValue(rounds)));
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
        var data = new Option<string>("--data") { Description = "recorded data file", Required = true };
        var format = new Option<string>("--format") { Description = "data format", DefaultValueFactory = _ => "mmev" };
        var repeats = new Option<int>("--repeats") { Description = "timed replays (the median is reported)", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("replay", "Full replay (book, AS strategy, risk-averse queues, 5 ms latency) in events per second.") { data, format, repeats, json };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(data)!;
            string name = parse.GetValue(format)!;
            MarketDataFormats.Parse(name);
            IQuotingStrategy strategy = StrategyCatalog.Create("as", new StrategySettings { Sigma = 5, A = 5, Kappa = 2, Horizon = 60, OrderQuantity = 0.001, Gamma = 0.1 });
            var settings = new ReplaySettings { Latency = new ConstantLatency(5_000_000, 5_000_000) };
            int runs = Math.Max(1, parse.GetValue(repeats));
            var rates = new double[runs + 1];
            long events = 0;
            for (int i = 0; i <= runs; i++)
            {
                long start = Stopwatch.GetTimestamp();
                using MarketDataReader reader = MarketDataFormats.Open(path, name);
                var market = new ReplayMarket(reader, settings);
                EventLoop.Run(market, strategy, new RunSettings());
                events = market.Statistics.Events;
                rates[i] = events / Stopwatch.GetElapsedTime(start).TotalSeconds;
            }

            // The first run warms the JIT and the page cache and is not counted.
            double[] timed = rates[1..];
            Array.Sort(timed);
            double median = timed[runs / 2];
            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new { Benchmark = "replay", Format = name, Events = events, Runs = runs, EventsPerSecond = median }));
            }
            else
            {
                terminal.Writer.WriteLine($"replay ({name}): {Formats.Rate(median)} events/s (median of {runs}), {events:N0} events per run");
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
            var market = ModelMarketPresets.AvellanedaStoikov;
            var settings = new MonteCarloSettings { Trajectories = parse.GetValue(trajectories), Threads = parse.GetValue(threads) }.Validate();
            int runs = Math.Max(1, parse.GetValue(repeats));
            var engine = new MonteCarloEngine(market, settings);
            IQuotingStrategy strategy = StrategyCatalog.Create("as", new StrategySettings());

            // Two untimed runs let the JIT reach its optimized tier; timed runs reuse one result
            // buffer, as a sweep or a training loop does, so first-touch page faults are not timed.
            var outcomes = new TrajectoryOutcomes(settings.Trajectories);
            engine.Run(strategy, outcomes);
            engine.Run(strategy, outcomes);
            var seconds = new double[runs];
            for (int i = 0; i < runs; i++)
            {
                long start = Stopwatch.GetTimestamp();
                engine.Run(strategy, outcomes);
                seconds[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }

            Array.Sort(seconds);
            double median = seconds[runs / 2];
            double steps = (double)settings.Trajectories * market.Steps;
            var result = new
            {
                Benchmark = "sim",
                Trajectories = settings.Trajectories,
                Steps = market.Steps,
                VectorWidth = Vector<double>.Count,
                Threads = settings.Threads > 0 ? settings.Threads : Environment.ProcessorCount,
                SecondsMedian = median,
                TrajectoryStepsPerSecond = steps / median,
                TrajectoryStepsPerSecondBest = steps / seconds[0],
            };
            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(result));
            }
            else
            {
                terminal.Writer.WriteLine(
                    $"sim: {Formats.Rate(result.TrajectoryStepsPerSecond)} trajectory-steps/s (median of {runs}; best {Formats.Rate(result.TrajectoryStepsPerSecondBest)}), " +
                    $"{settings.Trajectories:N0} trajectories × {market.Steps} steps, {result.Threads} threads, {result.VectorWidth} lanes per vector");
            }

            return 0;
        });
        return command;
    }
}
