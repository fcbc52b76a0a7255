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
    /// 512000`: one member, default settings, 256 trajectories, scored on 10,000 evaluation
    /// trajectories of seed 12345; and the same run with exploring starts (`--exploring-starts 10`:
    /// each training episode starts at an inventory drawn from −10…10). Deterministic on one machine,
    /// but not across processors: 55.9% and 63.3% of the gap on the Intel host the README's figures
    /// came from, 54.8% and 62.9% on an AMD EPYC host (the same with its 512-bit vectors switched off),
    /// so the bars leave two points for that. The first guards the continuous head's learning (not the
    /// 95% target, which takes five members of 3 M); the second that exploring starts reach the
    /// training and help: at least five points over the run without them, and 61% at least. The third
    /// is that run with the Gaussian clipped instead of squashed (`--squash clip`): 64.9% on the AMD
    /// EPYC host, two points over tanh's; it must close more than tanh's and 63% at least.
    /// </summary>
    [Fact]
    public void AShortRunClosesMoreThanHalfTheGapExploringStartsLiftItByFivePointsAndClippingMore()
    {
        (double without, string plain) = ShortRun(exploringStarts: 0);
        Assert.True(without >= 0.53, plain);

        (double share, string summary) = ShortRun(exploringStarts: 10);
        Assert.True(share >= without + 0.05, $"{summary}; without: {plain}");
        Assert.True(share >= 0.61, summary);

        (double clipped, string clippedSummary) = ShortRun(exploringStarts: 10, ActionSquash.Clip);
        Assert.True(clipped > share, $"{clippedSummary}; tanh: {summary}");
        Assert.True(clipped >= 0.63, clippedSummary);
    }

    /// <summary>
    /// Issue 20's 95%, as `mm train --agent ppo-continuous --env cj --squash clip --time-products
    /// --exploring-starts 10 --members 5 --seed 3`: five members of 3 M transitions on seeds 3…7,
    /// scored on 10,000 trajectories of seed 12345. 96.6% on the AMD EPYC host (training seeds 1 and 2
    /// gave 96.4% and 95.9%; the README's table); the bar is the issue's. About 2½ minutes on two cores.
    /// </summary>
    [Fact]
    public void FiveClippedMembersWithTimeProductsAndExploringStartsCloseNinetyFivePercent()
    {
        EnvironmentSettings cj = EnvironmentPresets.CarteaJaimungal;
        var settings = new PpoSettings { TimeProducts = true };
        var ensemble = new ContinuousPpoEnsemble([.. Enumerable.Range(3, 5).Select(seed => ContinuousPpoAgent.For(cj, settings, seed, ActionSquash.Clip))]);
        var clock = Stopwatch.StartNew();

        ensemble.Train(new ModelMarketEnvironment(cj with { ExploringStartInventory = 10 }, 256), 3_000_000, seed: 3);

        (double share, string summary) = BenchmarkScore.GapClosed("ppo-continuous", ensemble);
        output.WriteLine($"five clipped members: {ensemble.EnvironmentSteps} steps in {clock.Elapsed.TotalSeconds:F0} s: {summary}");
        Assert.True(share >= 0.95, summary);
    }

    private (double Share, string Summary) ShortRun(int exploringStarts, ActionSquash squash = ActionSquash.Tanh)
    {
        EnvironmentSettings cj = EnvironmentPresets.CarteaJaimungal;
        ContinuousPpoAgent agent = ContinuousPpoAgent.For(cj, new PpoSettings(), seed: 1, squash);
        var clock = Stopwatch.StartNew();

        agent.Train(new ModelMarketEnvironment(cj with { ExploringStartInventory = exploringStarts }, 256), 512_000, seed: 1);

        (double share, string summary) = BenchmarkScore.GapClosed("ppo-continuous", agent);
        output.WriteLine($"exploring starts {exploringStarts}, {squash}: {agent.EnvironmentSteps} steps in {clock.Elapsed.TotalSeconds:F0} s: {summary}");
        return (share, summary);
    }
}
