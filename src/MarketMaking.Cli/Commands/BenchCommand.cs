using System.CommandLine;
using System.Diagnostics;
using System.Numerics;
using MarketMaking.Cli.Output;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;

namespace MarketMaking.Cli.Commands;

/// <summary><c>mm bench</c>: throughput of the toolkit's engines on this machine.</summary>
internal static class BenchCommand
{
    public static Command Create(Terminal terminal)
    {
        var command = new Command("bench", "Measure throughput (the figures of the README's performance table).");
        command.Subcommands.Add(Simulation(terminal));
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
