using System.Diagnostics;
using MarketMaking.Learning.Agents;
using MarketMaking.Learning.Agents.Ppo;
using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Evaluation;
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

        var evaluator = new ObjectiveEvaluator(cj, 10_000, 12345);
        ObjectiveEstimate optimal = evaluator.Evaluate("optimal", evaluator.Optimal());
        (double depth, ObjectiveEstimate constant) = evaluator.BestConstant(1.0, 1.5, 0.05);
        ObjectiveEstimate ppo = evaluator.Evaluate("ppo", new PolicyStrategy("ppo", ensemble, cj));
        double share = ObjectiveEvaluator.GapClosed(ppo, constant, optimal);
        output.WriteLine(
            $"{ensemble.EnvironmentSteps} steps in {clock.Elapsed.TotalSeconds:F0} s: optimal {optimal.Mean:F4}, constant {depth:F2} {constant.Mean:F4}, ppo {ppo.Mean:F4} ± {ppo.StandardError:F4}, gap closed {share:P1}");
        Assert.True(share >= 0.9, $"gap closed {share:P1}");
    }
}
