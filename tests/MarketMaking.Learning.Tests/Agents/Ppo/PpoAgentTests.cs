using MarketMaking.Core.Errors;
using MarketMaking.Learning.Agents.Ppo;
using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Tests.Agents.Ppo;

public class PpoAgentTests
{
    private static readonly PpoSettings Small = new() { HiddenSizes = [16], RolloutSteps = 20, Epochs = 2, MinibatchSize = 64, ObservationScale = 5f };

    [Fact]
    public void SameSeedsGiveTheSameWeights()
    {
        PpoAgent first = Trained(agentSeed: 3, trainingSeed: 7);
        PpoAgent second = Trained(agentSeed: 3, trainingSeed: 7);
        PpoAgent otherTraining = Trained(agentSeed: 3, trainingSeed: 8);

        Assert.Equal(Flatten(first), Flatten(second));
        Assert.NotEqual(Flatten(first), Flatten(otherTraining));
        Assert.Equal(first.OptimizerSteps, second.OptimizerSteps);
    }

    [Fact]
    public void ParallelHalvesOfLargeMinibatchesAreDeterministic()
    {
        // 512-row minibatches are split across two network copies run in parallel; the sum is taken
        // in a fixed order, so repeated runs agree bit for bit.
        var settings = new PpoSettings
        {
            HiddenSizes = [16], RolloutSteps = 32, Epochs = 2, MinibatchSize = 512, SquaredFeatures = true, SeparateValueTrunk = true,
        };
        float[] Run()
        {
            var agent = PpoAgent.For(EnvironmentPresets.CarteaJaimungal, settings, seed: 4);
            agent.Train(new ModelMarketEnvironment(EnvironmentPresets.CarteaJaimungal, 32), 2048, seed: 5);
            Assert.Equal(8, agent.OptimizerSteps);
            return Flatten(agent);
        }

        float[] first = Run();
        for (int repeat = 0; repeat < 3; repeat++)
        {
            Assert.Equal(first, Run());
        }
    }

    [Fact]
    public void TrainCountsStepsAndReportsProgress()
    {
        var agent = PpoAgent.For(EnvironmentPresets.CarteaJaimungal, Small, seed: 1);
        var reports = new List<PpoProgress>();

        PpoProgress last = agent.Train(new ModelMarketEnvironment(EnvironmentPresets.CarteaJaimungal, 16), 1500, 5, new Collect(reports));

        // Whole rollouts of 20 × 16 = 320 steps: 5 of them to pass 1500.
        Assert.Equal(5, reports.Count);
        Assert.Equal(1600, agent.EnvironmentSteps);
        Assert.Equal(5, agent.Updates);
        Assert.Equal(5 * 2 * 5, agent.OptimizerSteps);
        Assert.Same(reports[^1], last);
        Assert.True(last.StepsPerSecond > 0);

        // Episodes are 100 steps: the first 16 end in rollout 5 (steps 80–99 of each trajectory).
        Assert.All(reports.Take(4), r => Assert.True(double.IsNaN(r.MeanEpisodeReward)));
        Assert.Equal(16, last.EpisodesEnded);
        Assert.True(double.IsFinite(last.MeanEpisodeReward));
    }

    [Fact]
    public void ActIsTheMedianOfEachHead()
    {
        PpoAgent agent = Trained(agentSeed: 2, trainingSeed: 2);
        float[] observation = [0.2f, 0.5f];
        float[] bid = new float[12], ask = new float[12];
        agent.Network.Infer(observation, bid, ask);

        int action = agent.Act(observation);

        Assert.Equal(EnvironmentPresets.CarteaJaimungal.Actions.Action(Median(bid), Median(ask)), action);
    }

    /// <summary>The first depth whose softmax probability, summed from the shallowest, reaches one half.</summary>
    private static int Median(float[] logits)
    {
        double[] weights = [.. logits.Select(z => Math.Exp(z - logits.Max()))];
        double cumulative = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            cumulative += weights[i] / weights.Sum();
            if (cumulative >= 0.5)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    [Fact]
    public void ActIsThreadSafe()
    {
        PpoAgent agent = Trained(agentSeed: 4, trainingSeed: 4);
        float[][] observations = [.. Enumerable.Range(0, 200).Select(k => new[] { ((k % 21) - 10) / 10f, (k % 100) / 100f })];
        int[] expected = [.. observations.Select(o => agent.Act(o))];
        int[] parallel = new int[observations.Length];

        Parallel.For(0, 20 * observations.Length, k => parallel[k % observations.Length] = agent.Act(observations[k % observations.Length]));

        Assert.Equal(expected, parallel);
    }

    [Fact]
    public void RejectsAnEnvironmentOfAnotherShape()
    {
        var agent = new PpoAgent(2, 3, 3, Small);

        Assert.Throws<ArgumentException>(() => agent.Train(new ModelMarketEnvironment(EnvironmentPresets.CarteaJaimungal, 4), 100, 1));
    }

    [Fact]
    public void SettingsAreValidated()
    {
        Assert.Throws<InvalidParameterException>(() => new PpoAgent(2, 3, 3, new PpoSettings { HiddenSizes = [] }));
        Assert.Throws<InvalidParameterException>(() => new PpoAgent(2, 3, 3, new PpoSettings { GaeLambda = 1.5f }));
        Assert.Throws<InvalidParameterException>(() => new PpoAgent(2, 3, 3, new PpoSettings { MinibatchSize = 0 }));
    }

    [Fact]
    public void CancellationStopsBetweenUpdatesAndSavesTheCheckpoint()
    {
        string path = Path.Combine(Path.GetTempPath(), $"ppo-cancel-{Guid.NewGuid():N}.json");
        try
        {
            var agent = PpoAgent.For(EnvironmentPresets.CarteaJaimungal, Small, seed: 1);
            agent.CheckpointPath = path;
            using var cancel = new CancellationTokenSource();
            var progress = new Collect([], () => cancel.Cancel());

            Assert.Throws<OperationCanceledException>(() => agent.Train(new ModelMarketEnvironment(EnvironmentPresets.CarteaJaimungal, 8), 10_000, 1, progress, cancel.Token));

            Assert.Equal(1, agent.Updates);
            Assert.Equal(160, PpoAgent.Load(path).EnvironmentSteps);
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static PpoAgent Trained(int agentSeed, ulong trainingSeed)
    {
        var agent = PpoAgent.For(EnvironmentPresets.CarteaJaimungal, Small, agentSeed);
        agent.Train(new ModelMarketEnvironment(EnvironmentPresets.CarteaJaimungal, 8), 640, trainingSeed);
        return agent;
    }

    internal static float[] Flatten(PpoAgent agent) => [.. agent.Network.Parameters.SelectMany(p => p)];

    /// <summary>Reports arrive on the training thread; a Progress&lt;T&gt; would post them elsewhere.</summary>
    private sealed class Collect(List<PpoProgress> reports, Action? after = null) : IProgress<PpoProgress>
    {
        public void Report(PpoProgress value)
        {
            reports.Add(value);
            after?.Invoke();
        }
    }
}
