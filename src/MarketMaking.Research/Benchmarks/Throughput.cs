using System.Diagnostics;
using System.Numerics;
using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Data.Files;
using MarketMaking.Learning.Agents.Dqn;
using MarketMaking.Learning.Agents.Ppo;
using MarketMaking.Learning.Agents.Sac;
using MarketMaking.Learning.Environments;
using MarketMaking.Research.Replay;
using MarketMaking.Research.Training;
using MarketMaking.Simulation.Agents;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Simulation.Hedging;
using MarketMaking.Simulation.Replay;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Benchmarks;

/// <summary>
/// Throughput of the toolkit's engines on this machine: the figures of the README's performance
/// table (<c>mm bench</c>). Untimed warm-up runs let the JIT reach its optimized tier first; each
/// figure is the median of the timed runs (training's: the fastest, as its runs are long).
/// </summary>
public static class Throughput
{
    /// <summary>The vectorized model market: the Avellaneda–Stoikov market and strategy over <paramref name="trajectories"/> trajectories.</summary>
    /// <param name="trajectories">Trajectories per run.</param>
    /// <param name="repeats">Timed runs.</param>
    /// <param name="threads">Worker threads (0: all cores).</param>
    public static SimulationThroughput ModelMarket(int trajectories, int repeats, int threads)
    {
        InvalidParameterException.RequireAtLeastOne("trajectories", trajectories);
        int runs = (int)InvalidParameterException.RequireAtLeastOne("repeats", repeats);
        var market = ModelMarketPresets.AvellanedaStoikov;
        var settings = new MonteCarloSettings { Trajectories = trajectories, Threads = threads }.Validate();
        var engine = new MonteCarloEngine(market, settings);
        IQuotingStrategy strategy = StrategyCatalog.Create("as", new StrategySettings());

        // Untimed runs, at least two and at least a second: the step must run the tier-1 code compiled
        // in the background with dynamic PGO's profile (1.5× faster per CPU-second than the same
        // method fully optimized without a profile, as AggressiveOptimization or TieredCompilation=0
        // compile it). Timed runs reuse one result buffer, as a sweep or a training loop does, so
        // first-touch page faults are not timed.
        var outcomes = new TrajectoryOutcomes(settings.Trajectories);
        long warmUpStart = Stopwatch.GetTimestamp();
        for (int run = 0; run < 2 || Stopwatch.GetElapsedTime(warmUpStart) < TimeSpan.FromSeconds(1); run++)
        {
            engine.Run(strategy, outcomes);
        }

        var seconds = new double[runs];
        var cpuSeconds = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            TimeSpan cpuStart = Environment.CpuUsage.TotalTime;
            long start = Stopwatch.GetTimestamp();
            engine.Run(strategy, outcomes);
            seconds[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            cpuSeconds[i] = (Environment.CpuUsage.TotalTime - cpuStart).TotalSeconds;
        }

        Array.Sort(seconds);
        Array.Sort(cpuSeconds);
        double median = seconds[runs / 2];
        double steps = (double)settings.Trajectories * market.Steps;
        return new SimulationThroughput(
            settings.Trajectories, market.Steps, Vector<double>.Count, settings.Threads > 0 ? settings.Threads : Environment.ProcessorCount, median, steps / median, steps / seconds[0],
            steps / cpuSeconds[runs / 2]);
    }

    /// <summary>
    /// A full replay of a data file (book, AS strategy, 5 ms latency): our orders in the real queues
    /// (<see cref="QueueExchange"/>) when <paramref name="exactQueues"/> is true, risk-averse shadow
    /// queues when false, and when null as <c>mm backtest</c> decides (exact on order-by-order data).
    /// Orders are one lot of the data's instrument.
    /// </summary>
    public static (EventThroughput Result, bool ExactQueues) Replay(string path, string format, int repeats, bool? exactQueues = null)
    {
        InvalidParameterException.RequireAtLeastOne("repeats", repeats);
        MarketDataFormats.Parse(format);
        double lot;
        using (MarketDataReader probe = MarketDataFormats.Open(path, format))
        {
            lot = probe.Instrument.LotSize;
        }

        bool exact = ReplaySession.ExactQueues(new ReplaySetup { ExactQueues = exactQueues }, () => MarketDataFormats.Open(path, format)); // exact on price levels refused, as in mm backtest
        IQuotingStrategy strategy = StrategyCatalog.Create("as", new StrategySettings { Sigma = 5, A = 5, Kappa = 2, Horizon = 60, OrderQuantity = lot, Gamma = 0.1 });
        var settings = new ReplaySettings { Latency = new ConstantLatency(5_000_000, 5_000_000), ExactQueues = exact };

        // Untimed replays for 2 s first: a day replays in tens of milliseconds, and with one warm-up
        // run the timed runs were still in the tiered JIT's unoptimized code (the ESH4 hour measured
        // 1.1 M events/s as the median of 5 after one run, 4.9 M after 41).
        long batches = 0;
        EventThroughput result = Median(repeats, () =>
        {
            using MarketDataReader reader = MarketDataFormats.Open(path, format);
            var market = new ReplayMarket(reader, settings);
            EventLoop.Run(market, strategy, new RunSettings());
            batches = market.Statistics.Batches;
            return market.Statistics.Events;
        }, TimeSpan.FromSeconds(2));
        return (result with { Batches = batches }, exact);
    }

    /// <summary>
    /// The merged two-file replay of <c>mm backtest --hedge beta</c>: both files merged by receive
    /// time (<see cref="HedgeVenue"/>), the first replayed (book, AS strategy quoting 0.001, risk-averse
    /// queues, 5 ms latency), the second's book rebuilt and hedged into by a <see cref="PortfolioHedger"/>;
    /// events of both files per second.
    /// </summary>
    public static EventThroughput MergedReplay(string quotedPath, string hedgePath, string format, int repeats)
    {
        InvalidParameterException.RequireAtLeastOne("repeats", repeats);
        MarketDataFormats.Parse(format);
        IQuotingStrategy strategy = StrategyCatalog.Create("as", new StrategySettings { Sigma = 5, A = 5, Kappa = 2, Horizon = 60, OrderQuantity = 0.001, Gamma = 0.1 });
        var settings = new ReplaySettings { Latency = new ConstantLatency(5_000_000, 5_000_000) };

        // The first run warms the JIT and the page cache and is not counted.
        return Median(repeats, () =>
        {
            IMarketEventSource[] sources = [MarketDataFormats.Open(quotedPath, format), MarketDataFormats.Open(hedgePath, format)];
            using var venue = new HedgeVenue(new MergedMarketEvents(sources), sources[1].Instrument, new ConstantLatency(5_000_000, 5_000_000));
            var hedger = new PortfolioHedger(venue, new HedgeSettings { Mode = HedgeMode.Beta, Threshold = 0 });
            var market = new ReplayMarket(venue, settings);
            EventLoop.Run(market, strategy, new RunSettings { Observer = hedger });
            return market.Statistics.Events + venue.HedgeEvents;
        });
    }

    /// <summary>The agent-based market with a quoting strategy (rolling Avellaneda–Stoikov) attached; run i on seed i + 1.</summary>
    public static EventThroughput AgentMarket(AgentMarketParameters market, int repeats)
    {
        ArgumentNullException.ThrowIfNull(market);
        InvalidParameterException.RequireAtLeastOne("repeats", repeats);
        IQuotingStrategy strategy = StrategyCatalog.Create("as-rolling", new StrategySettings { Sigma = 0.05, A = 5, Kappa = 20, OrderQuantity = market.LotSize });
        ulong seed = 0;

        // The first run warms the JIT and is not counted.
        return Median(repeats, () =>
        {
            var agentMarket = new AgentMarket(market, ++seed);
            EventLoop.Run(agentMarket, strategy, new RunSettings());
            return agentMarket.Events;
        });
    }

    /// <summary>
    /// The vectorized RL environment (Cartea–Jaimungal benchmark) with a fixed policy, each of
    /// <paramref name="threads"/> environments on its own thread (by default one per core).
    /// </summary>
    public static EnvironmentThroughput RlEnvironment(int trajectories, int steps, int? threads = null)
    {
        int cores = threads ?? Environment.ProcessorCount;
        var environments = Enumerable.Range(0, cores).Select(_ => new ModelMarketEnvironment(EnvironmentPresets.CarteaJaimungal, trajectories)).ToArray();
        int action = EnvironmentPresets.CarteaJaimungal.Actions.Nearest(1.2, 1.2);

        // At least a second of warm-up: tiered compilation installs the optimized step only after the
        // calls have gone quiet for 100 ms and a background compile; a shorter warm-up timed tier-0 code (5× slower).
        for (long start = Stopwatch.GetTimestamp(); Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(1);)
        {
            StepAll(environments, trajectories, Math.Max(1, steps / 4), action);
        }

        double seconds = StepAll(environments, trajectories, steps, action);
        return new EnvironmentThroughput(trajectories, cores, steps, (double)cores * trajectories * steps / seconds);
    }

    /// <summary>The agents <see cref="Training"/> measures: the neural ones (Q-learning's table is timed by mm train itself).</summary>
    public static IReadOnlyList<string> TrainingAgents { get; } = ["ppo", "dqn", "sac", "ppo-continuous"];

    /// <summary>
    /// Training throughput of one member of <paramref name="agent"/> with its benchmark configuration
    /// (<c>mm train</c>'s defaults on the known-optimum benchmark, cj) on a fixed seed: transitions per
    /// second including every update, and without them (the run's time less the agent's update time:
    /// acting and stepping the environment alone). An untimed warm-up takes the agent past the start of
    /// training that does no updates (DQN's learning start, SAC's random warm-up) and lasts at least 2 s,
    /// so the JIT has settled; then
    /// <paramref name="repeats"/> timed runs continue training the same agent, and the fastest counts.
    /// The transitions are the agent's own count (PPO trains whole rollouts, the others whole
    /// environment steps, so a run may take more than <paramref name="transitions"/>).
    /// </summary>
    /// <exception cref="InvalidParameterException">An unknown agent, or fewer than 1 transition or repeat.</exception>
    public static TrainingThroughput Training(string agent, long transitions, int repeats, ulong seed = 1)
    {
        if (!TrainingAgents.Contains(agent))
        {
            throw new InvalidParameterException("agent", $"'{agent}' is not one of {string.Join(", ", TrainingAgents)}");
        }

        InvalidParameterException.RequireAtLeastOne("transitions", transitions);
        InvalidParameterException.RequireAtLeastOne("repeats", repeats);

        TrainingEnvironment cj = TrainingEnvironment.Model("cj");
        int trajectories = AgentCatalog.DefaultEnvironments(agent);
        object learner = AgentCatalog.Create(agent, cj.Shape, (int)(seed % int.MaxValue), AgentCatalog.DefaultSteps(agent), AgentOverrides.None);
        IVectorEnvironment env = cj.Create(trajectories);
        (long first, long more) = agent switch
        {
            "dqn" => (new DqnSettings().LearningStarts + 8_192, 8_192),
            "sac" => (new SacSettings().WarmupSteps + 8_192, 8_192),
            _ => (1, 1),   // one rollout
        };
        // Then more, until 2 s have passed: the JIT promotes the update's methods to optimized code in
        // the background for a while, and a first timed PPO run after one rollout came out 20% slower
        // than the next (112-115 k against 139-145 k transitions/s).
        long warmUpStart = Stopwatch.GetTimestamp();
        for (int run = 0; run == 0 || Stopwatch.GetElapsedTime(warmUpStart) < WarmUpTime; run++)
        {
            AgentCatalog.Train(learner, () => env, run == 0 ? first : more, seed, static (_, _, _) => { }, CancellationToken.None);
        }

        (long Transitions, double Seconds, double UpdateSeconds) best = (0, double.PositiveInfinity, 0);
        for (int i = 0; i < repeats; i++)
        {
            long before = AgentCatalog.StepsTrained(learner);
            TimeSpan updatingBefore = UpdateTime(learner);
            long start = Stopwatch.GetTimestamp();
            AgentCatalog.Train(learner, () => env, transitions, seed + 1 + (ulong)i, static (_, _, _) => { }, CancellationToken.None);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            long done = AgentCatalog.StepsTrained(learner) - before;
            if (done / seconds > best.Transitions / best.Seconds)
            {
                best = (done, seconds, (UpdateTime(learner) - updatingBefore).TotalSeconds);
            }
        }

        return new TrainingThroughput(
            agent, trajectories, best.Transitions, repeats, best.Seconds, best.Transitions / best.Seconds, best.UpdateSeconds,
            best.Transitions / (best.Seconds - best.UpdateSeconds));
    }

    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(2);

    private static TimeSpan UpdateTime(object learner) => learner switch
    {
        PpoAgent p => p.UpdateTime,
        DqnAgent d => d.UpdateTime,
        SacAgent s => s.UpdateTime,
        ContinuousPpoAgent c => c.UpdateTime,
        _ => throw new ArgumentException($"not a timed agent: {learner.GetType().Name}", nameof(learner)),
    };

    /// <summary>
    /// Untimed runs — one, and more until <paramref name="warmUp"/> has passed — then
    /// <paramref name="runs"/> timed ones (at least 1: the callers check); the median rate of events per second.
    /// </summary>
    private static EventThroughput Median(int runs, Func<long> run, TimeSpan warmUp = default)
    {
        long warmUpStart = Stopwatch.GetTimestamp();
        do
        {
            run();
        }
        while (Stopwatch.GetElapsedTime(warmUpStart) < warmUp);

        var rates = new double[runs];
        var cpuRates = new double[runs];
        long events = 0;
        for (int i = 0; i < runs; i++)
        {
            TimeSpan cpuStart = Environment.CpuUsage.TotalTime;
            long start = Stopwatch.GetTimestamp();
            events = run();
            rates[i] = events / Stopwatch.GetElapsedTime(start).TotalSeconds;
            cpuRates[i] = events / (Environment.CpuUsage.TotalTime - cpuStart).TotalSeconds;
        }

        Array.Sort(rates);
        Array.Sort(cpuRates);
        return new EventThroughput(events, runs, rates[runs / 2], cpuRates[runs / 2]);
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
}
