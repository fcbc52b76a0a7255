using MarketMaking.Core.Errors;
using MarketMaking.Learning.Agents;
using MarketMaking.Learning.Agents.Dqn;
using MarketMaking.Learning.Agents.QLearning;
using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Evaluation;

namespace MarketMaking.Learning.Tests.Agents.Dqn;

public sealed class DqnAgentTests : IDisposable
{
    private static readonly DqnSettings Small = new()
    {
        Hidden = [32, 32], BatchSize = 64, LearningStarts = 1_000, UpdateEvery = 8, TargetUpdateInterval = 100,
        EpsilonDecaySteps = 30_000, ReplayCapacity = 50_000, LearningRate = 1e-3, FactoredAskCount = 12,
        NStep = 5, LearningRateEnd = 2e-4, LearningRateDecaySteps = 60_000,
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("mm-dqn-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void SameSeedGivesTheSameWeights()
    {
        DqnAgent a = Trained(Small, 5_000, seed: 3), b = Trained(Small, 5_000, seed: 3), c = Trained(Small, 5_000, seed: 4);

        Assert.True(a.Updates > 0);
        for (int i = 0; i < a.Online.Parameters.Count; i++)
        {
            Assert.Equal(a.Online.Parameters[i], b.Online.Parameters[i]);
            Assert.Equal(a.Target.Parameters[i], b.Target.Parameters[i]);
        }

        Assert.NotEqual(a.Online.Parameters[0], c.Online.Parameters[0]);
    }

    [Fact]
    public void SaveAndLoadRoundTripBitForBit()
    {
        DqnAgent agent = Trained(Small with { TargetUpdateInterval = 0, Tau = 0.01 }, 3_000, seed: 5);
        string path = Path.Combine(_folder, "dqn.json");

        agent.Save(path);
        DqnAgent loaded = DqnAgent.Load(path);

        Assert.Equal(agent.Settings with { Hidden = [] }, loaded.Settings with { Hidden = [] });
        Assert.Equal(agent.Settings.Hidden, loaded.Settings.Hidden);
        Assert.Equal((agent.Steps, agent.Updates, agent.ActionCount), (loaded.Steps, loaded.Updates, loaded.ActionCount));
        for (int i = 0; i < agent.Online.Parameters.Count; i++)
        {
            Assert.Equal(agent.Online.Parameters[i].Select(BitConverter.SingleToInt32Bits), loaded.Online.Parameters[i].Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(agent.Target.Parameters[i].Select(BitConverter.SingleToInt32Bits), loaded.Target.Parameters[i].Select(BitConverter.SingleToInt32Bits));
        }

        for (int q = -10; q <= 10; q++)
        {
            float[] observation = [q / 10f, 0.37f];
            Assert.Equal(agent.Act(observation), loaded.Act(observation));
        }
    }

    [Fact]
    public void FilesWithoutTheNewerSettingsLoadAsOneStepWithAConstantStepSize()
    {
        string path = Path.Combine(_folder, "old.json");
        new DqnAgent(Small, 2, 144, seed: 1).Save(path);
        string[] newer = ["\"learning_rate_end\"", "\"learning_rate_decay_steps\"", "\"n_step\""];
        File.WriteAllLines(path, File.ReadAllLines(path).Where(line => !newer.Any(n => line.Contains(n, StringComparison.Ordinal))));

        DqnAgent loaded = DqnAgent.Load(path);

        Assert.Equal((1, 0L, Small.LearningRate), (loaded.Settings.NStep, loaded.Settings.LearningRateDecaySteps, loaded.Settings.LearningRateEnd));
        Assert.Equal(Small.LearningRate, loaded.LearningRateAt(1_000_000));
    }

    [Fact]
    public void FilesWithoutTheHeadSettingsLoadWithOneOutputPerDepthAndPlainTargets()
    {
        string path = Path.Combine(_folder, "plain.json");
        var agent = new DqnAgent(Small with { SmoothDegree = 0, AdvantageLearning = 0 }, 2, 144, seed: 1);
        agent.Save(path);
        string[] newer = ["\"dueling\"", "\"smooth_degree\"", "\"advantage_learning\""];
        File.WriteAllLines(path, File.ReadAllLines(path).Where(line => !newer.Any(n => line.Contains(n, StringComparison.Ordinal))));

        DqnAgent loaded = DqnAgent.Load(path);

        Assert.Equal((false, 0, 0.0), (loaded.Settings.Dueling, loaded.Settings.SmoothDegree, loaded.Settings.AdvantageLearning));
        Assert.Equal(24, loaded.Head.OutputSize);
        Assert.Equal(agent.Act([0.3f, 0.5f]), loaded.Act([0.3f, 0.5f]));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    public void AdvantageLearningOutsideZeroToOneIsRefused(double alpha)
    {
        InvalidParameterException e = Assert.Throws<InvalidParameterException>(() => (Small with { AdvantageLearning = alpha }).Validate());
        Assert.Contains("advantage_learning", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheStepSizeDecaysLinearlyThenHolds()
    {
        var agent = new DqnAgent(Small, 2, 144, seed: 1);
        Assert.Equal(1e-3, agent.LearningRateAt(0), 12);
        Assert.Equal(6e-4, agent.LearningRateAt(30_000), 12);
        Assert.Equal(2e-4, agent.LearningRateAt(60_000), 12);
        Assert.Equal(2e-4, agent.LearningRateAt(1_000_000), 12);
    }

    [Fact]
    public void MalformedFilesGiveOneLineErrors()
    {
        string path = Path.Combine(_folder, "broken.json");
        File.WriteAllText(path, "{\n  \"format\": \"marketmaking.dqn\",\n  \"version\": 1,,\n}");
        var error = Assert.Throws<DataFormatException>(() => DqnAgent.Load(path));
        Assert.StartsWith($"{path}:3: json: not valid JSON", error.Message, StringComparison.Ordinal);

        new DqnAgent(Small, 2, 144, seed: 1).Save(path);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"gamma\": 1", "\"gamma\": \"one\"", StringComparison.Ordinal));
        int line = Array.FindIndex(File.ReadAllLines(path), l => l.Contains("\"gamma\"", StringComparison.Ordinal)) + 1;
        Assert.True(line > 1);
        Assert.Equal($"{path}:{line}: settings.gamma: expected a finite number, got \"one\"", Assert.Throws<DataFormatException>(() => DqnAgent.Load(path)).Message);
    }

    [Fact]
    public void TheAveragedPolicyRoundTripsAndActs()
    {
        DqnAgent agent = Trained(Small with { PolicyAverageTau = 0.05 }, 3_000, seed: 6);
        string path = Path.Combine(_folder, "averaged.json");

        agent.Save(path);
        DqnAgent loaded = DqnAgent.Load(path);

        Assert.NotNull(loaded.Averaged);
        Assert.Equal(0.05, loaded.Settings.PolicyAverageTau);
        for (int i = 0; i < agent.Averaged!.Parameters.Count; i++)
        {
            Assert.Equal(agent.Averaged.Parameters[i], loaded.Averaged!.Parameters[i]);
        }

        // The average lags the online weights, and the agent acts with it.
        Assert.NotEqual(agent.Online.Parameters[0], agent.Averaged.Parameters[0]);
        Assert.Same(agent.Averaged, agent.Acting);
    }

    [Fact]
    public void WithAnAverageMovedAllTheWayItActsAsTheOnlineNetwork()
    {
        // τ = 1: after every update the average is the online network, so the greedy actions agree.
        DqnAgent agent = Trained(Small with { PolicyAverageTau = 1 }, 3_000, seed: 6);
        float[] features = new float[agent.Online.InputSize], outputs = new float[agent.Head.OutputSize];
        for (int q = -10; q <= 10; q++)
        {
            float[] observation = [q / 10f, 0.42f];
            agent.Settings.Features.Write(observation, features);
            agent.Online.Infer(features, outputs);
            Assert.Equal(agent.Head.Greedy(outputs), agent.Act(observation));
        }
    }

    [Fact]
    public void FilesWithoutFeatureSettingsSeeTheObservationsAsTheyAre()
    {
        string path = Path.Combine(_folder, "raw.json");
        var raw = new DqnAgent(Small with { ObservationScale = 1, SquaredFeatures = false }, 2, 144, seed: 1);
        raw.Save(path);
        string[] newer = ["\"observation_scale\"", "\"squared_features\"", "\"policy_average_tau\""];
        string stripped = string.Join('\n', File.ReadAllLines(path).Where(line => !newer.Any(n => line.Contains(n, StringComparison.Ordinal))));
        File.WriteAllText(path, System.Text.RegularExpressions.Regex.Replace(stripped, @",(\s*})", "$1"));

        DqnAgent loaded = DqnAgent.Load(path);

        Assert.Equal((1f, false, 0.0), (loaded.Settings.ObservationScale, loaded.Settings.SquaredFeatures, loaded.Settings.PolicyAverageTau));
        Assert.Equal(2, loaded.ObservationSize);
        Assert.Equal(raw.Act([0.3f, 0.6f]), loaded.Act([0.3f, 0.6f]));
    }

    [Fact]
    public void SquaredFeaturesDoubleTheNetworksInputs()
    {
        var agent = new DqnAgent(Small, 2, 144, seed: 1);
        Assert.Equal(2, agent.ObservationSize);
        Assert.Equal(4, agent.Online.InputSize);
        float[] features = new float[4];
        agent.Settings.Features.Write([0.1f, -0.2f], features);
        Assert.Equal([0.5f, -1f, 0.25f, 1f], features.Select(f => MathF.Round(f, 6)));
    }

    [Fact]
    public void ActIsTheArgmaxOfTheActionValues()
    {
        var agent = new DqnAgent(Small with { FactoredAskCount = 0 }, 2, 144, seed: 2);
        float[] values = new float[144];
        float[] observation = [0.3f, 0.5f];

        agent.ActionValues(observation, values);

        Assert.Equal(Array.IndexOf(values, values.Max()), agent.Act(observation));
    }

    [Fact]
    public void ShortTrainingBeatsItsStartAndTheRandomPolicy()
    {
        // A few seconds in Debug: too short to beat the best constant depth (that takes ~1M steps),
        // but the learned quotes must clearly beat the same network untrained and uniformly random depths.
        EnvironmentSettings settings = EnvironmentPresets.CarteaJaimungal;
        DqnAgent agent = Trained(Small, 60_000, seed: 1);
        var untrained = new DqnAgent(Small, 2, 144, seed: 1);
        var evaluator = new ObjectiveEvaluator(settings, 2_000, 7);

        double learned = evaluator.Evaluate("dqn", new PolicyStrategy("dqn", agent, settings)).Mean;
        double start = evaluator.Evaluate("untrained", new PolicyStrategy("untrained", untrained, settings)).Mean;
        double random = evaluator.Evaluate("random", new PolicyStrategy("random", new UniformRandomPolicy(144), settings)).Mean;

        Assert.True(learned > start + 0.5 && learned > random + 0.1, $"DQN {learned:F4}, untrained {start:F4}, random {random:F4}");
    }

    /// <summary>Uniformly random actions: the floor any learning must clear.</summary>
    private sealed class UniformRandomPolicy(int actions) : IDiscretePolicy
    {
        public int Act(ReadOnlySpan<float> observation) => Random.Shared.Next(actions);
    }

    private static DqnAgent Trained(DqnSettings settings, long steps, ulong seed)
    {
        var env = new ModelMarketEnvironment(EnvironmentPresets.CarteaJaimungal, 16);
        var agent = new DqnAgent(settings, env.ObservationSize, env.ActionCount, (int)seed);
        TrainingProgress progress = agent.Train(env, steps, seed);
        Assert.Equal(agent.Steps, progress.Steps);
        return agent;
    }
}
