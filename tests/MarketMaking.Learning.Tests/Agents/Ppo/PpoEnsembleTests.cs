using MarketMaking.Core.Errors;
using MarketMaking.Learning.Agents.Ppo;
using MarketMaking.Learning.Environments;

namespace MarketMaking.Learning.Tests.Agents.Ppo;

public sealed class PpoEnsembleTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ppo-ensemble-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_path);

    [Theory]
    [InlineData(new float[] { 0.1f, 0.2f, 0.3f, 0.4f }, 2)] // cumulative 0.1, 0.3, 0.6: half is passed at 2
    [InlineData(new float[] { 0.5f, 0.5f }, 0)] // exactly half at the first
    [InlineData(new float[] { 1, 1, 2 }, 1)] // unnormalized: total 4, half 2 reached at 1
    [InlineData(new float[] { 0, 0, 0, 1 }, 3)]
    public void TheMedianIsWhereHalfTheMassIsReached(float[] probabilities, int expected) =>
        Assert.Equal(expected, DepthDecoding.Median(probabilities));

    [Fact]
    public void TheMixtureQuotesItsMedianNotEitherMembersChoice()
    {
        // Bids: one member sure of depth 1, another of depth 5, a third of depth 4: the mixture
        // has a third at each, so its median is 4. Asks: all sure of 2.
        PpoAgent[] members = [Fixed(1, 2), Fixed(5, 2), Fixed(4, 2)];
        var ensemble = new PpoEnsemble(members);
        int action = ensemble.Act([0.2f, 0.5f]);
        Assert.Equal((4 * 12) + 2, action);

        // One member alone acts as that member.
        Assert.Equal(members[1].Act([0.2f, 0.5f]), new PpoEnsemble([members[1]]).Act([0.2f, 0.5f]));
        Assert.Equal((5 * 12) + 2, members[1].Act([0.2f, 0.5f]));
    }

    [Fact]
    public void TrainingGivesEveryMemberItsStepsOnItsOwnSeed()
    {
        var settings = new PpoSettings { HiddenSizes = [8], RolloutSteps = 10, Epochs = 1, MinibatchSize = 40 };
        EnvironmentSettings cj = EnvironmentPresets.CarteaJaimungal;
        var ensemble = new PpoEnsemble([PpoAgent.For(cj, settings, seed: 1), PpoAgent.For(cj, settings, seed: 1)]);
        long reported = 0;
        ensemble.Train(new ModelMarketEnvironment(cj, 4), 80, seed: 5, new Inline(p => reported = Math.Max(reported, p.EnvironmentSteps)));

        Assert.Equal([80L, 80L], ensemble.Members.Select(m => m.EnvironmentSteps));
        Assert.Equal(160, ensemble.EnvironmentSteps);
        Assert.Equal(160, reported);

        // Same initial weights, different training seeds: the members end apart.
        Assert.NotEqual(PpoAgentTests.Flatten(ensemble.Members[0]), PpoAgentTests.Flatten(ensemble.Members[1]));
    }

    [Fact]
    public void SaveAndLoadActTheSame()
    {
        EnvironmentSettings cj = EnvironmentPresets.CarteaJaimungal;
        var ensemble = new PpoEnsemble([PpoAgent.For(cj, seed: 3), PpoAgent.For(cj, seed: 4), PpoAgent.For(cj, seed: 5)]);
        ensemble.Save(_path);
        PpoEnsemble loaded = PpoEnsemble.Load(_path);

        Assert.Equal(3, loaded.Members.Count);
        for (int q = -10; q <= 10; q++)
        {
            float[] observation = [q / 10f, 0.61f];
            Assert.Equal(ensemble.Act(observation), loaded.Act(observation));
        }
    }

    [Fact]
    public void ABadMemberIsNamedWithItsPlace()
    {
        EnvironmentSettings cj = EnvironmentPresets.CarteaJaimungal;
        new PpoEnsemble([PpoAgent.For(cj, seed: 3), PpoAgent.For(cj, seed: 4)]).Save(_path);
        string text = File.ReadAllText(_path);
        int second = text.IndexOf("\"marketmaking.ppo\"", text.IndexOf("\"marketmaking.ppo\"", StringComparison.Ordinal) + 1, StringComparison.Ordinal);
        File.WriteAllText(_path, string.Concat(text.AsSpan(0, second), "\"marketmaking.nope\"", text.AsSpan(second + "\"marketmaking.ppo\"".Length)));

        DataFormatException e = Assert.Throws<DataFormatException>(() => PpoEnsemble.Load(_path));
        Assert.Contains("#members[1]", e.Message, StringComparison.Ordinal);
    }

    /// <summary>An agent whose heads ignore the observation: all mass on one bid and one ask depth.</summary>
    private static PpoAgent Fixed(int bid, int ask)
    {
        PpoAgent agent = PpoAgent.For(EnvironmentPresets.CarteaJaimungal, new PpoSettings { HiddenSizes = [4] }, seed: 1);
        Array.Clear(agent.Network.BidHead.Weights);
        Array.Clear(agent.Network.AskHead.Weights);
        Array.Fill(agent.Network.BidHead.Bias, -20f);
        Array.Fill(agent.Network.AskHead.Bias, -20f);
        agent.Network.BidHead.Bias[bid] = 20f;
        agent.Network.AskHead.Bias[ask] = 20f;
        return agent;
    }

    private sealed class Inline(Action<PpoProgress> report) : IProgress<PpoProgress>
    {
        public void Report(PpoProgress value) => report(value);
    }
}
