using System.Diagnostics;
using MarketMaking.Learning.Agents.Ppo;
using MarketMaking.Learning.Environments;
using Xunit.Abstractions;

namespace MarketMaking.Learning.Tests.Agents.Ppo;

[Collection(HeadlineResults.Name)]
public class ContinuousPpoAcceptanceTests(ITestOutputHelper output)
{
    /// <summary>
    /// The README's short continuous-PPO run, as `mm train --agent ppo-continuous --seed 1 --steps
    /// 512000`: one member, default settings, 256 trajectories; deterministic, so CI repeats it and
    /// checks its figure (55.9% of the gap on 10,000 evaluation trajectories of seed 12345). It
    /// guards the continuous head's learning, not the 95% target, which no configuration has met yet.
    /// </summary>
    [Fact]
    public void AShortRunClosesFiftyFivePercentOfTheGapOnTheBenchmark()
    {
        EnvironmentSettings cj = EnvironmentPresets.CarteaJaimungal;
        ContinuousPpoAgent agent = ContinuousPpoAgent.For(cj, new PpoSettings(), seed: 1);
        var clock = Stopwatch.StartNew();

        agent.Train(new ModelMarketEnvironment(cj, 256), 512_000, seed: 1);

        (double share, string summary) = BenchmarkScore.GapClosed("ppo-continuous", agent);
        output.WriteLine($"{agent.EnvironmentSteps} steps in {clock.Elapsed.TotalSeconds:F0} s: {summary}");
        Assert.True(share >= 0.555, summary);
    }

    /// <summary>
    /// The same short run with exploring starts (`--exploring-starts 10`: each training episode starts
    /// at an inventory drawn from −10…10): 63.3% of the gap on the same evaluation, against 55.9%
    /// without, so it guards that the option reaches the training and helps.
    /// </summary>
    [Fact]
    public void ExploringStartsLiftTheShortRunAboveSixtyThreePercent()
    {
        EnvironmentSettings cj = EnvironmentPresets.CarteaJaimungal;
        ContinuousPpoAgent agent = ContinuousPpoAgent.For(cj, new PpoSettings(), seed: 1);
        var clock = Stopwatch.StartNew();

        agent.Train(new ModelMarketEnvironment(cj with { ExploringStartInventory = 10 }, 256), 512_000, seed: 1);

        (double share, string summary) = BenchmarkScore.GapClosed("ppo-continuous", agent);
        output.WriteLine($"{agent.EnvironmentSteps} steps in {clock.Elapsed.TotalSeconds:F0} s: {summary}");
        Assert.True(share >= 0.63, summary);
    }
}
