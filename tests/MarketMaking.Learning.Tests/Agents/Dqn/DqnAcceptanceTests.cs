using System.Diagnostics;
using MarketMaking.Learning.Agents.Dqn;
using MarketMaking.Learning.Environments;
using Xunit.Abstractions;

namespace MarketMaking.Learning.Tests.Agents.Dqn;

[Collection(HeadlineResults.Name)]
public class DqnAcceptanceTests(ITestOutputHelper output)
{
    /// <summary>
    /// The README's headline: DQN closes 84% of the gap between the best constant depth and the exact
    /// optimum on 10,000 evaluation trajectories (the target was 80%). As `mm train --agent dqn --seed 1`:
    /// four members on seeds 1–4, 2M transitions each on 64 trajectories; deterministic, so CI runs it
    /// in full (about a minute on 2 idle cores).
    /// </summary>
    [Fact]
    public void ClosesEightyFourPercentOfTheGapOnTheBenchmark()
    {
        EnvironmentSettings cj = EnvironmentPresets.CarteaJaimungal;
        const long steps = 2_000_000;
        var settings = new DqnSettings { FactoredAskCount = cj.Actions.AskCount };
        var ensemble = new DqnEnsemble([.. Enumerable.Range(1, 4).Select(seed => new DqnAgent(settings, cj.Observation.Size, cj.Actions.Count, seed))]);
        var clock = Stopwatch.StartNew();

        ensemble.Train(() => new ModelMarketEnvironment(cj, 64), steps, seed: 1);

        (double share, string summary) = BenchmarkScore.GapClosed("dqn", ensemble);
        output.WriteLine($"{ensemble.Steps} steps in {clock.Elapsed.TotalSeconds:F0} s: {summary}");
        // 83.5% on the AVX-512 host of earlier sessions, 82.6% on an AVX2-only host with the same code
        // and seeds: the environment is the same bit for bit, but TensorPrimitives' reductions (gradient
        // norms, sums, dots) take 512-bit vectors where the processor has them, which changes their
        // summation order. The bound is the lower figure.
        Assert.True(share >= 0.82, summary);
    }
}
