using MarketMaking.Core.Errors;
using MarketMaking.Learning.Agents;
using MarketMaking.Learning.Agents.Dqn;
using MarketMaking.Learning.Environments;

namespace MarketMaking.Learning.Tests.Agents.Dqn;

public sealed class DqnEnsembleTests : IDisposable
{
    private static readonly DqnSettings Small = new()
    {
        Hidden = [16], BatchSize = 32, LearningStarts = 64, ReplayCapacity = 1_000, UpdateEvery = 8, FactoredAskCount = 12,
    };

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mm-dqn-ensemble-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void TheEnsembleTakesTheBestActionOfTheMembersMeanValues()
    {
        var members = new[] { new DqnAgent(Small, 2, 144, seed: 1), new DqnAgent(Small, 2, 144, seed: 2), new DqnAgent(Small, 2, 144, seed: 3) };
        var ensemble = new DqnEnsemble(members);
        float[] values = new float[144], sum = new float[144];
        for (int q = -10; q <= 10; q++)
        {
            float[] observation = [q / 10f, 0.42f];
            Array.Clear(sum);
            foreach (DqnAgent member in members)
            {
                member.ActionValues(observation, values);
                for (int a = 0; a < 144; a++)
                {
                    sum[a] += values[a];
                }
            }

            float best = sum.Max();
            Assert.Equal(best, sum[ensemble.Act(observation)], 4);
        }
    }

    [Fact]
    public void OneMemberActsAsItself()
    {
        var member = new DqnAgent(Small, 2, 144, seed: 4);
        var ensemble = new DqnEnsemble([member]);
        for (int q = -10; q <= 10; q++)
        {
            float[] observation = [q / 10f, 0.9f];
            Assert.Equal(member.Act(observation), ensemble.Act(observation));
        }
    }

    [Fact]
    public void TrainingGivesEveryMemberItsStepsOnItsOwnSeed()
    {
        var ensemble = new DqnEnsemble([new DqnAgent(Small, 2, 144, seed: 1), new DqnAgent(Small, 2, 144, seed: 1)]);
        long reported = 0;
        TrainingProgress result = ensemble.Train(() => new ModelMarketEnvironment(EnvironmentPresets.CarteaJaimungal, 4), 400, seed: 5, new Inline(p => reported = Math.Max(reported, p.RunSteps)));

        Assert.Equal([400L, 400L], ensemble.Members.Select(m => m.Steps));
        Assert.Equal(800, ensemble.Steps);
        Assert.Equal(800, reported);
        Assert.Equal(800, result.RunSteps);

        // Same initial weights, different training seeds: the members end apart.
        Assert.NotEqual(ensemble.Members[0].Online.Layers[0].Weights, ensemble.Members[1].Online.Layers[0].Weights);

        // Members train side by side, yet the same seed gives the same weights.
        var again = new DqnEnsemble([new DqnAgent(Small, 2, 144, seed: 1), new DqnAgent(Small, 2, 144, seed: 1)]);
        again.Train(() => new ModelMarketEnvironment(EnvironmentPresets.CarteaJaimungal, 4), 400, seed: 5);
        Assert.Equal(ensemble.Members[1].Online.Layers[^1].Weights, again.Members[1].Online.Layers[^1].Weights);
    }

    [Fact]
    public void SaveAndLoadActTheSame()
    {
        var ensemble = new DqnEnsemble([new DqnAgent(Small, 2, 144, seed: 3), new DqnAgent(Small, 2, 144, seed: 4)]);
        ensemble.Save(_path);
        DqnEnsemble loaded = DqnEnsemble.Load(_path);

        Assert.Equal(2, loaded.Members.Count);
        for (int q = -10; q <= 10; q++)
        {
            float[] observation = [q / 10f, 0.61f];
            Assert.Equal(ensemble.Act(observation), loaded.Act(observation));
        }
    }

    [Fact]
    public void MembersThatReadTheirOutputsDifferentlyCannotActTogether()
    {
        var smooth = new DqnAgent(Small, 2, 144, seed: 1);
        var plain = new DqnAgent(Small with { SmoothDegree = 0 }, 2, 144, seed: 1);
        Assert.Throws<ArgumentException>(() => new DqnEnsemble([smooth, plain]));
    }

    [Fact]
    public void ABadMemberIsNamedWithItsPlace()
    {
        new DqnEnsemble([new DqnAgent(Small, 2, 144, seed: 3), new DqnAgent(Small, 2, 144, seed: 4)]).Save(_path);
        string text = File.ReadAllText(_path);
        int second = text.IndexOf("\"advantage_learning\"", text.IndexOf("\"advantage_learning\"", StringComparison.Ordinal) + 1, StringComparison.Ordinal);
        int end = text.IndexOf(',', second);
        File.WriteAllText(_path, string.Concat(text.AsSpan(0, second), "\"advantage_learning\": 1", text.AsSpan(end)));

        DataFormatException e = Assert.Throws<DataFormatException>(() => DqnEnsemble.Load(_path));
        Assert.Contains("#members[1]", e.Message, StringComparison.Ordinal);
        Assert.Contains("advantage_learning", e.Message, StringComparison.Ordinal);
    }

    private sealed class Inline(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
