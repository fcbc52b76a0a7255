using MarketMaking.Core.Errors;
using MarketMaking.Learning.Agents.Sac;
using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Tests.Agents.Sac;

public class SacAgentTests
{
    private static readonly SacSettings Small = new() { HiddenSizes = [16, 16], BatchSize = 64, WarmupSteps = 512, UpdateEvery = 2, LearningRate = 3e-3f, ReplayCapacity = 20_000 };

    [Fact]
    public void FindsTheKnownBestDepthsOfAQuadraticBandit()
    {
        // Reward −(bid − 1.3)² − (ask − 0.4)² + noise: the deterministic quotes must land near (1.3, 0.4)
        // from a start near the middle of [0, 2] (tanh(μ ≈ 0) → 1.0 each).
        var agent = new SacAgent(2, new DepthRange(0, 2), Small, seed: 1);
        agent.Train(new QuadraticBandit(16, 1.3, 0.4, 0.1), 16_000, seed: 2);
        (double bid, double ask) = agent.Act([0.1f, 1f]);
        Assert.InRange(bid, 1.2, 1.4);
        Assert.InRange(ask, 0.3, 0.5);
        Assert.True(agent.Updates > 7_000, $"{agent.Updates} updates");
    }

    [Fact]
    public void SameSeedsSameWeights()
    {
        SacAgent Trained()
        {
            var agent = new SacAgent(2, new DepthRange(0, 2), Small, seed: 5);
            agent.Train(new QuadraticBandit(8, 1.0, 1.0, 0.1), 2_000, seed: 9);
            return agent;
        }

        SacAgent a = Trained(), b = Trained();
        Assert.Equal(a.Actor.Parameters.SelectMany(p => p), b.Actor.Parameters.SelectMany(p => p));
        Assert.Equal(a.Critic2.Parameters.SelectMany(p => p), b.Critic2.Parameters.SelectMany(p => p));
        Assert.Equal(a.LogTemperature, b.LogTemperature);
        Assert.NotEqual(Math.Log(Small.InitialTemperature), a.LogTemperature, 3);
    }

    [Fact]
    public void TheTwinCriticsOnTwoThreadsTrainTheSameWeightsAsInTurn()
    {
        SacAgent Trained(bool twinThreads)
        {
            var agent = new SacAgent(2, new DepthRange(0, 2), Small, seed: 5) { TwinThreads = twinThreads };
            agent.Train(new QuadraticBandit(8, 1.0, 1.0, 0.1), 3_000, seed: 9);
            return agent;
        }

        SacAgent parallel = Trained(true), inTurn = Trained(false);
        Assert.True(parallel.Updates > 1_000, $"{parallel.Updates} updates");
        foreach ((Mlp a, Mlp b) in new[] { (parallel.Actor, inTurn.Actor), (parallel.Critic1, inTurn.Critic1), (parallel.Critic2, inTurn.Critic2), (parallel.Target1, inTurn.Target1), (parallel.Target2, inTurn.Target2) })
        {
            Assert.Equal(a.Parameters.SelectMany(p => p), b.Parameters.SelectMany(p => p));
        }

        Assert.Equal(parallel.LogTemperature, inTurn.LogTemperature);
    }

    [Fact]
    public void SavedAndLoadedItQuotesBitForBitTheSame()
    {
        var agent = new SacAgent(2, new DepthRange(0.1, 2.4), Small, seed: 3);
        agent.Train(new QuadraticBandit(8, 1.0, 1.0, 0.1), 1_000, seed: 4);
        string path = Path.Combine(Path.GetTempPath(), $"sac-{Guid.NewGuid():N}.json");
        try
        {
            agent.Save(path);
            SacAgent loaded = SacAgent.Load(path);
            Assert.Equal(agent.Depths, loaded.Depths);
            Assert.Equal(agent.Steps, loaded.Steps);
            Assert.Equal(agent.Updates, loaded.Updates);
            Assert.Equal(agent.LogTemperature, loaded.LogTemperature);
            Assert.Equal(agent.Settings.HiddenSizes, loaded.Settings.HiddenSizes);
            Assert.Equal(agent.Target1.Parameters.SelectMany(p => p), loaded.Target1.Parameters.SelectMany(p => p));
            foreach (float q in new[] { -0.7f, 0f, 0.4f })
            {
                Assert.Equal(agent.Act([q, 0.5f]), loaded.Act([q, 0.5f]));
            }

            File.WriteAllText(path, File.ReadAllText(path).Replace("\"depth_max\": 2.4", "\"depth_max\": -1", StringComparison.Ordinal));
            DataFormatException error = Assert.Throws<DataFormatException>(() => SacAgent.Load(path));
            Assert.Equal("depth_max", error.Field);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void BadSettingsAreRefusedByName()
    {
        Assert.Equal("batch_size", Assert.Throws<InvalidParameterException>(() => new SacSettings { BatchSize = 0 }.Validate()).Parameter);
        Assert.Equal("target_smoothing", Assert.Throws<InvalidParameterException>(() => new SacSettings { TargetSmoothing = 2 }.Validate()).Parameter);
    }
}
