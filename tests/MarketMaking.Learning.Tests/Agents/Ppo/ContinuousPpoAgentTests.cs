using MarketMaking.Core.Errors;
using MarketMaking.Learning.Agents.Ppo;
using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Tests.Agents.Sac;

namespace MarketMaking.Learning.Tests.Agents.Ppo;

public class ContinuousPpoAgentTests
{
    private static readonly PpoSettings Small = new() { HiddenSizes = [16, 16], RolloutSteps = 16, MinibatchSize = 64, Epochs = 4, LearningRate = 3e-3f };

    [Theory]
    [InlineData(ActionSquash.Tanh)]
    [InlineData(ActionSquash.Clip)]
    public void FindsTheKnownBestDepthsOfAQuadraticBandit(ActionSquash squash)
    {
        // Reward −(bid − 1.3)² − (ask − 0.4)² + noise from a start near the middle of [0, 2]: the
        // deterministic quotes (the squashed μ) must land near (1.3, 0.4).
        var agent = new ContinuousPpoAgent(2, new DepthRange(0, 2), Small, seed: 1, squash: squash);
        agent.Train(new QuadraticBandit(16, 1.3, 0.4, 0.1), 40_000, seed: 2);
        (double bid, double ask) = agent.Act([0.1f, 1f]);
        Assert.InRange(bid, 1.2, 1.4);
        Assert.InRange(ask, 0.3, 0.5);
        Assert.True(agent.LogStd.All(s => s < ContinuousPpoAgent.DefaultInitialLogStd), $"log σ {agent.LogStd[0]}, {agent.LogStd[1]}: should have narrowed");
    }

    [Fact]
    public void SameSeedsSameWeights()
    {
        ContinuousPpoAgent Trained()
        {
            var agent = new ContinuousPpoAgent(2, new DepthRange(0, 2), Small, seed: 5);
            agent.Train(new QuadraticBandit(8, 1.0, 1.0, 0.1), 2_048, seed: 9);
            return agent;
        }

        ContinuousPpoAgent a = Trained(), b = Trained();
        Assert.Equal(a.Network.Parameters.SelectMany(p => p), b.Network.Parameters.SelectMany(p => p));
        Assert.Equal(a.LogStd, b.LogStd);
        Assert.NotEqual(ContinuousPpoAgent.DefaultInitialLogStd, a.LogStd[0]);
        Assert.Equal(2_048, a.EnvironmentSteps);
        Assert.Equal(16, a.Updates);
    }

    [Fact]
    public void SavedAndLoadedItQuotesBitForBitTheSame()
    {
        var agent = new ContinuousPpoAgent(2, new DepthRange(0.1, 2.4), Small, seed: 3);
        agent.Train(new QuadraticBandit(8, 1.0, 1.0, 0.1), 1_024, seed: 4);
        string path = Path.Combine(Path.GetTempPath(), $"ppo-continuous-{Guid.NewGuid():N}.json");
        try
        {
            agent.Save(path);
            ContinuousPpoAgent loaded = ContinuousPpoAgent.Load(path);
            Assert.Equal(agent.Depths, loaded.Depths);
            Assert.Equal(agent.EnvironmentSteps, loaded.EnvironmentSteps);
            Assert.Equal(agent.Updates, loaded.Updates);
            Assert.Equal(agent.OptimizerSteps, loaded.OptimizerSteps);
            Assert.Equal(agent.LogStd, loaded.LogStd);
            Assert.Equal(agent.Settings.HiddenSizes, loaded.Settings.HiddenSizes);
            Assert.Equal(agent.Network.Parameters.SelectMany(p => p), loaded.Network.Parameters.SelectMany(p => p));
            foreach (float q in new[] { -0.7f, 0f, 0.4f })
            {
                Assert.Equal(agent.Act([q, 0.5f]), loaded.Act([q, 0.5f]));
            }

            File.WriteAllText(path, File.ReadAllText(path).Replace("\"depth_max\": 2.4", "\"depth_max\": -1", StringComparison.Ordinal));
            Assert.Equal("depth_max", Assert.Throws<DataFormatException>(() => ContinuousPpoAgent.Load(path)).Field);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AnEnsembleQuotesAtTheMembersMeanAndRoundTrips()
    {
        ContinuousPpoAgent[] members = [.. Enumerable.Range(1, 2).Select(seed =>
        {
            var agent = new ContinuousPpoAgent(2, new DepthRange(0, 2), Small, seed);
            agent.Train(new QuadraticBandit(8, 0.5, 1.5, 0.1), 2_048, seed: (ulong)seed);
            return agent;
        })];
        var ensemble = new ContinuousPpoEnsemble(members);
        float[] observation = [0.2f, 0.5f];
        float[] first = new float[2], second = new float[2];
        members[0].Means(observation, first);
        members[1].Means(observation, second);
        (double bid, double ask) = ensemble.Act(observation);
        // The members' means summed in double, as the ensemble does: a float sum rounds the last bit,
        // which depends on the values (they passed on an AVX2 host and failed on an AVX-512 one).
        Assert.Equal(1 + Math.Tanh(((double)first[0] + second[0]) / 2.0), bid, 12);
        Assert.Equal(1 + Math.Tanh(((double)first[1] + second[1]) / 2.0), ask, 12);

        string path = Path.Combine(Path.GetTempPath(), $"ppo-continuous-ensemble-{Guid.NewGuid():N}.json");
        try
        {
            ensemble.Save(path);
            ContinuousPpoEnsemble loaded = ContinuousPpoEnsemble.Load(path);
            Assert.Equal(2, loaded.Members.Count);
            Assert.Equal(ensemble.Act(observation), loaded.Act(observation));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void RejectsAnEnvironmentOfAnotherShapeAndBadSettings()
    {
        var agent = new ContinuousPpoAgent(3, new DepthRange(0, 2), Small);
        Assert.Throws<ArgumentException>(() => agent.Train(new QuadraticBandit(4, 1, 1, 0.1), 100, seed: 1));
        Assert.Equal("epochs", Assert.Throws<InvalidParameterException>(() => new ContinuousPpoAgent(2, new DepthRange(0, 2), Small with { Epochs = 0 })).Parameter);
        ContinuousPpoAgent clipped = new(2, new DepthRange(0, 2), Small, seed: 1, squash: ActionSquash.Clip), squashed = new(2, new DepthRange(0, 2), Small, seed: 2);
        Assert.Throws<ArgumentException>(() => new ContinuousPpoEnsemble([clipped, squashed]));
    }

    [Fact]
    public void AClippedAgentQuotesItsClippedMeanAndKeepsItsSquashThroughTheFile()
    {
        var agent = new ContinuousPpoAgent(2, new DepthRange(0, 2), Small, seed: 3, squash: ActionSquash.Clip);
        agent.Train(new QuadraticBandit(8, 1.0, 0.2, 0.1), 1_024, seed: 4);
        float[] observation = [0.3f, 0.6f], mean = new float[2];
        agent.Means(observation, mean);
        (double bid, double ask) = agent.Act(observation);
        Assert.Equal(1 + Math.Clamp(mean[0], -1.0, 1.0), bid, 12);
        Assert.Equal(1 + Math.Clamp(mean[1], -1.0, 1.0), ask, 12);

        string path = Path.Combine(Path.GetTempPath(), $"ppo-continuous-clip-{Guid.NewGuid():N}.json");
        try
        {
            agent.Save(path);
            string text = File.ReadAllText(path);
            Assert.Contains("\"squash\": \"clip\"", text, StringComparison.Ordinal);
            ContinuousPpoAgent loaded = ContinuousPpoAgent.Load(path);
            Assert.Equal(ActionSquash.Clip, loaded.Squash);
            Assert.Equal(agent.Act(observation), loaded.Act(observation));

            // A file without the field is a tanh policy, as every file before the setting was.
            File.WriteAllText(path, text.Replace("\"squash\": \"clip\",", string.Empty, StringComparison.Ordinal));
            Assert.Equal(ActionSquash.Tanh, ContinuousPpoAgent.Load(path).Squash);
            File.WriteAllText(path, text.Replace("\"squash\": \"clip\"", "\"squash\": \"tanh\"", StringComparison.Ordinal));
            Assert.Equal(ActionSquash.Tanh, ContinuousPpoAgent.Load(path).Squash);
            File.WriteAllText(path, text.Replace("\"squash\": \"clip\"", "\"squash\": \"sigmoid\"", StringComparison.Ordinal));
            Assert.Equal("squash", Assert.Throws<DataFormatException>(() => ContinuousPpoAgent.Load(path)).Field);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
