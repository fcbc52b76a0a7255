using System.Diagnostics;
using MarketMaking.Learning.Agents.QLearning;
using MarketMaking.Learning.Environments;
using Xunit.Abstractions;

namespace MarketMaking.Learning.Tests.Agents.QLearning;

[Collection(HeadlineResults.Name)]
public class QLearningAcceptanceTests(ITestOutputHelper output)
{
    /// <summary>
    /// The README's headline: tabular Q-learning closes 77% of the gap between the best constant depth
    /// and the exact optimum on 10,000 evaluation trajectories (the target was 60%). As
    /// `mm train --agent qlearning --seed 1`: a factored bid + ask table with 10 time bins, 400M
    /// transitions on 64 trajectories, ε decaying over the first half; deterministic, so CI runs it in
    /// full (under a minute on one idle core).
    /// </summary>
    [Fact]
    public void ClosesSeventySevenPercentOfTheGapOnTheBenchmark()
    {
        EnvironmentSettings cj = EnvironmentPresets.CarteaJaimungal;
        const long steps = 400_000_000;
        var agent = new QLearningAgent(
            new QLearningSettings { MaxInventory = cj.MaxInventory, TimeBins = 10, FactoredAskCount = cj.Actions.AskCount, EpsilonDecaySteps = steps / 2, Gamma = 1 },
            cj.Actions.Count);
        var clock = Stopwatch.StartNew();

        agent.Train(new ModelMarketEnvironment(cj, 64), steps, seed: 1);

        (double share, string summary) = BenchmarkScore.GapClosed("qlearning", agent);
        output.WriteLine($"{agent.Steps} steps in {clock.Elapsed.TotalSeconds:F0} s: {summary}");
        Assert.True(share >= 0.77, summary);
    }
}
