using MarketMaking.Core.Errors;
using MarketMaking.Learning.Agents;
using MarketMaking.Learning.Agents.QLearning;
using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Evaluation;

namespace MarketMaking.Learning.Tests.Agents.QLearning;

public sealed class QLearningAgentTests : IDisposable
{
    private static readonly QLearningSettings Fast = new() { TimeBins = 4, FactoredAskCount = 12, EpsilonDecaySteps = 1_000_000 };

    private readonly string _folder = Directory.CreateTempSubdirectory("mm-qlearning-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void SameSeedGivesTheSameTable()
    {
        QLearningAgent a = Trained(Fast, 200_000, seed: 3), b = Trained(Fast, 200_000, seed: 3), c = Trained(Fast, 200_000, seed: 4);

        Assert.Equal(a.First, b.First);
        Assert.Equal(a.Second, b.Second);
        Assert.Equal(a.FirstVisits, b.FirstVisits);
        Assert.NotEqual(a.First, c.First);
        Assert.Equal(200_000, a.Steps);
    }

    [Fact]
    public void SaveAndLoadRoundTripBitForBitAndResumeTheSameWay()
    {
        QLearningAgent agent = Trained(Fast with { Features = [FeatureBins.Uniform(1, 0, 1, 2)] }, 100_000, seed: 5);
        string path = Path.Combine(_folder, "q.json");

        agent.Save(path);
        QLearningAgent loaded = QLearningAgent.Load(path);

        Assert.Equal(agent.Settings.Features[0].Edges, loaded.Settings.Features[0].Edges);
        Assert.Equal(agent.Settings with { Features = [] }, loaded.Settings with { Features = [] });
        Assert.Equal(agent.Steps, loaded.Steps);
        Assert.Equal(agent.First.Select(BitConverter.DoubleToInt64Bits), loaded.First.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(agent.Second!.Select(BitConverter.DoubleToInt64Bits), loaded.Second!.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(agent.SecondVisits, loaded.SecondVisits);

        // A resumed run continues as the uninterrupted agent would from the same point.
        var env = new ModelMarketEnvironment(EnvironmentPresets.CarteaJaimungal, 32);
        agent.Train(env, 50_000, seed: 6);
        loaded.Train(env, 50_000, seed: 6);
        Assert.Equal(agent.First, loaded.First);
    }

    [Fact]
    public void MalformedFilesGiveOneLineErrors()
    {
        string path = Path.Combine(_folder, "broken.json");
        File.WriteAllText(path, "{\n  \"format\": \"marketmaking.qlearning\",\n  \"version\": 1,,\n}");
        var error = Assert.Throws<DataFormatException>(() => QLearningAgent.Load(path));
        Assert.StartsWith($"{path}:3: json: not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);

        new QLearningAgent(new QLearningSettings { MaxInventory = 1, TimeBins = 1, DoubleQ = false }, 2).Save(path);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"q\": [", "\"q\": [1,", StringComparison.Ordinal));
        int line = Array.FindIndex(File.ReadAllLines(path), l => l.Contains("\"q\": [", StringComparison.Ordinal)) + 1;
        Assert.True(line > 1);
        Assert.Equal($"{path}:{line}: q: has 7 values but the table has 6 cells", Assert.Throws<DataFormatException>(() => QLearningAgent.Load(path)).Message);

        File.WriteAllText(path, "{\"format\": \"marketmaking.dqn\"}");
        Assert.Equal($"{path}:1: format: expected \"marketmaking.qlearning\", got \"marketmaking.dqn\": not a Q-learning agent", Assert.Throws<DataFormatException>(() => QLearningAgent.Load(path)).Message);
    }

    [Fact]
    public void ReportsProgressAndStopsOnCancellation()
    {
        var agent = new QLearningAgent(Fast, 144);
        var env = new ModelMarketEnvironment(EnvironmentPresets.CarteaJaimungal, 10);
        TrainingProgress final = agent.Train(env, 10_000, seed: 1);
        Assert.Equal(10_000, final.RunSteps);
        Assert.Equal(100, final.Episodes); // 10 trajectories × 10 episodes of 100 steps
        Assert.True(double.IsFinite(final.MeanEpisodeReward));

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => agent.Train(env, 10_000, 1, null, cancelled.Token));
        Assert.Equal(10_000, agent.Steps);
    }

    [Fact]
    public void ShortTrainingBeatsTheBestConstantDepth()
    {
        // Few seconds in Debug; the same seed gives the same table, so the comparison is fixed.
        EnvironmentSettings settings = EnvironmentPresets.CarteaJaimungal;
        QLearningAgent agent = Trained(Fast, 4_000_000, seed: 1);
        var evaluator = new ObjectiveEvaluator(settings, 2_000, 7);

        ObjectiveEstimate learned = evaluator.Evaluate("q", new PolicyStrategy("q", agent, settings));
        (_, ObjectiveEstimate constant) = evaluator.BestConstant();

        Assert.True(learned.Mean > constant.Mean, $"Q-learning {learned.Mean:F4} vs best constant {constant.Mean:F4}");
    }

    private static QLearningAgent Trained(QLearningSettings settings, long steps, ulong seed)
    {
        var env = new ModelMarketEnvironment(EnvironmentPresets.CarteaJaimungal, 32);
        var agent = new QLearningAgent(settings, env.ActionCount);
        agent.Train(env, steps, seed);
        return agent;
    }
}
