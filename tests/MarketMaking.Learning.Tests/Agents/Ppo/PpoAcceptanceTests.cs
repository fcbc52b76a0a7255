using System.Diagnostics;
using MarketMaking.Learning.Agents.Ppo;
using MarketMaking.Learning.Environments;
using Xunit.Abstractions;

namespace MarketMaking.Learning.Tests.Agents.Ppo;

public class PpoAcceptanceTests(ITestOutputHelper output)
{
    /// <summary>
    /// The benchmark's bar: PPO closes 90% of the gap between the best constant depth and the exact
    /// optimum on 10,000 evaluation trajectories. As `mm train --agent ppo --seed 1`: three members on
    /// seeds 1, 2, 3, 6M steps each (MM_PPO_STEPS overrides). Measured in Release on 2 idle cores:
    /// 18M steps in 323 s closed 91.1% (single members close 84–87%).
    /// </summary>
    [AcceptanceFact]
    public void ClosesNinetyPercentOfTheGapOnTheBenchmark()
    {
        EnvironmentSettings cj = EnvironmentPresets.CarteaJaimungal;
        long steps = long.TryParse(Environment.GetEnvironmentVariable("MM_PPO_STEPS"), out long s) ? s : 6_000_000;
        var ensemble = new PpoEnsemble([.. Enumerable.Range(1, 3).Select(seed => PpoAgent.For(cj, new PpoSettings(), seed))]);
        var clock = Stopwatch.StartNew();

        ensemble.Train(new ModelMarketEnvironment(cj, 256), steps, seed: 1);

        (double share, string summary) = BenchmarkScore.GapClosed("ppo", ensemble);
        output.WriteLine($"{ensemble.EnvironmentSteps} steps in {clock.Elapsed.TotalSeconds:F0} s: {summary}");
        Assert.True(share >= 0.9, summary);
    }
}
