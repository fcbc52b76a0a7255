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
}
