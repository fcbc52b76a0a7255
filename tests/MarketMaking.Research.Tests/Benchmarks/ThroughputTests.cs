using MarketMaking.Core.Errors;
using MarketMaking.Research.Benchmarks;
using MarketMaking.Simulation.Agents;
using MarketMaking.Simulation.Engine;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Tests.Benchmarks;

public class ThroughputTests
{
    [Fact]
    public void ARateIsTheWorkOverTheMedianTime()
    {
        SimulationThroughput sim = Throughput.ModelMarket(1000, 3, 1);
        Assert.Equal((1000, 200, 1), (sim.Trajectories, sim.Steps, sim.Threads));
        Assert.Equal(1000.0 * 200 / sim.SecondsMedian, sim.TrajectoryStepsPerSecond, 6);
        Assert.True(sim.TrajectoryStepsPerSecondBest >= sim.TrajectoryStepsPerSecond);
        // The process's CPU time (JIT and GC threads included) is not bounded by cores × wall time over a
        // millisecond run under a CPU quota (a CI run measured 68 ms of CPU in 12 ms on "2 cores"): only a rate is required.
        Assert.True(double.IsFinite(sim.TrajectoryStepsPerCpuSecond) && sim.TrajectoryStepsPerCpuSecond > 0, $"{sim.TrajectoryStepsPerCpuSecond}");

        EnvironmentThroughput env = Throughput.RlEnvironment(64, 40);
        Assert.Equal((64, Environment.ProcessorCount, 40), (env.Trajectories, env.Environments, env.Steps));
        Assert.True(env.TrajectoryStepsPerSecond > 0);
        Assert.Equal(1, Throughput.RlEnvironment(64, 40, threads: 1).Environments);

        // Every run of the same market length replays as many events, seed by seed; the count is the last run's.
        EventThroughput abm = Throughput.AgentMarket(new AgentMarketParameters { Duration = 60 }, 2);
        Assert.Equal(2, abm.Runs);
        var market = new AgentMarket(new AgentMarketParameters { Duration = 60 }, 3);
        EventLoop.Run(market, StrategyCatalog.Create("as-rolling", new StrategySettings { Sigma = 0.05, A = 5, Kappa = 20, OrderQuantity = 1 }), new RunSettings());
        Assert.Equal(market.Events, abm.Events);   // the last of three runs (one warm-up) is on seed 3
    }

    [Fact]
    public void TrainingDividesTheTransitionsTheAgentCountedByTheFastestRunsTime()
    {
        // PPO trains whole rollouts: 256 trajectories × 100 steps, however few transitions are asked for.
        TrainingThroughput ppo = Throughput.Training("ppo", transitions: 1, repeats: 2);
        Assert.Equal(("ppo", 256, 256L * 100, 2), (ppo.Agent, ppo.Trajectories, ppo.Transitions, ppo.Runs));
        Assert.Equal(ppo.Transitions / ppo.Seconds, ppo.TransitionsPerSecond, 9);

        // Without updates: the same transitions over the run's time less the time PPO's epochs took.
        Assert.InRange(ppo.UpdateSeconds, double.Epsilon, ppo.Seconds);
        Assert.Equal(ppo.Transitions / (ppo.Seconds - ppo.UpdateSeconds), ppo.RolloutTransitionsPerSecond, 9);

        // DQN steps its 64 trajectories together: 100 transitions asked for take two steps, 128.
        TrainingThroughput dqn = Throughput.Training("dqn", transitions: 100, repeats: 1);
        Assert.Equal((64, 128L), (dqn.Trajectories, dqn.Transitions));
        Assert.Equal(dqn.Transitions / dqn.Seconds, dqn.TransitionsPerSecond, 9);
        Assert.InRange(dqn.UpdateSeconds, double.Epsilon, dqn.Seconds);   // past its learning start, every step updates
    }

    [Theory]
    [InlineData("qlearning", 1000, 1, "agent")]
    [InlineData("ppo", 0, 1, "transitions")]
    [InlineData("sac", 1000, 0, "repeats")]
    public void TrainingRefusesWhatItCannotMeasure(string agent, long transitions, int repeats, string parameter) =>
        Assert.Equal(parameter, Assert.Throws<InvalidParameterException>(() => Throughput.Training(agent, transitions, repeats)).Parameter);
}
