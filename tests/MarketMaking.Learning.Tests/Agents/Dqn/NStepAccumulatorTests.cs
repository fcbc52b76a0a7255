using MarketMaking.Core.Randomness;
using MarketMaking.Learning.Agents.Dqn;

namespace MarketMaking.Learning.Tests.Agents.Dqn;

public sealed class NStepAccumulatorTests
{
    [Fact]
    public void StoresDiscountedSumsOfNRewardsAndFlushesAtTheEpisodeEnd()
    {
        // One trajectory, n = 2, γ = 0.5; observations are the time index, rewards 1, 2, 4, 8.
        var buffer = new ReplayBuffer(16, 1);
        var accumulator = new NStepAccumulator(1, 1, 2, 0.5f);
        float[] rewards = [1, 2, 4, 8];
        for (int t = 0; t < 4; t++)
        {
            accumulator.Add(0, [t], 10 + t, rewards[t], [t + 1], terminated: t == 3, truncated: false, buffer);
        }

        // t=0: 1 + 0.5·2 = 2, bootstraps from s2 after 2 steps; t=1: 2 + 0.5·4 = 4 from s3;
        // t=2: 4 + 0.5·8 = 8, terminal; t=3: 8, terminal after 1 step.
        Assert.Equal(4, buffer.Count);
        Assert.Equal([0f, 1f, 2f, 3f], Enumerable.Range(0, 4).Select(s => buffer.Observation(s)[0]));
        Assert.Equal([10, 11, 12, 13], Enumerable.Range(0, 4).Select(buffer.Action));
        Assert.Equal([2f, 4f, 8f, 8f], Enumerable.Range(0, 4).Select(buffer.Reward));
        Assert.Equal([2f, 3f, 4f, 4f], Enumerable.Range(0, 4).Select(s => buffer.Next(s)[0]));
        Assert.Equal([false, false, true, true], Enumerable.Range(0, 4).Select(buffer.Terminal));
        Assert.Equal([2, 2, 2, 1], Enumerable.Range(0, 4).Select(buffer.StepCount));
        Assert.Equal(0, accumulator.Pending(0));
    }

    [Fact]
    public void TrajectoriesAccumulateSeparatelyAndTruncationDropsTheHeldSteps()
    {
        var buffer = new ReplayBuffer(16, 1);
        var accumulator = new NStepAccumulator(2, 1, 3, 1f);
        accumulator.Add(0, [0], 0, 1, [1], false, false, buffer);
        accumulator.Add(1, [100], 5, 10, [101], false, false, buffer);
        accumulator.Add(0, [1], 1, 1, [2], false, false, buffer);
        accumulator.Add(1, [101], 5, 10, [102], false, truncated: true, buffer);
        Assert.Equal(0, buffer.Count);
        Assert.Equal((2, 0), (accumulator.Pending(0), accumulator.Pending(1)));

        accumulator.Add(0, [2], 2, 1, [3], false, false, buffer);
        accumulator.Add(0, [3], 3, 1, [4], false, false, buffer);
        Assert.Equal(2, buffer.Count);
        Assert.Equal((3f, 3f, 3), (buffer.Reward(0), buffer.Next(0)[0], buffer.StepCount(0)));
        Assert.Equal((1f, 4f, 1), (buffer.Observation(1)[0], buffer.Next(1)[0], buffer.Action(1)));
    }

    [Fact]
    public void NStepTargetsBootstrapWithGammaToTheStepCount()
    {
        var head = new QHead(2, 0);
        float[] next = [1, 4, 2, 8, 3, 3];
        float[] targets = new float[3];

        DqnTargets.Compute(head, [1f, 1f, 5f], [false, false, true], [1, 3, 2], next, next, 0.5f, targets);

        Assert.Equal(1f + (0.5f * 4), targets[0]);
        Assert.Equal(1f + (0.125f * 8), targets[1]);
        Assert.Equal(5f, targets[2]);
    }

    [Fact]
    public void SamplingReturnsTheStepCounts()
    {
        var buffer = new ReplayBuffer(4, 1);
        for (int t = 0; t < 4; t++)
        {
            buffer.Add([t], t, 0, [t], false, stepCount: t + 1);
        }

        var random = new ScalarRandom(2);
        float[] observations = new float[32], rewards = new float[32], next = new float[32];
        int[] actions = new int[32], steps = new int[32];
        bool[] terminal = new bool[32];
        buffer.Sample(ref random, observations, actions, rewards, next, terminal, steps);

        Assert.All(Enumerable.Range(0, 32), b => Assert.Equal(actions[b] + 1, steps[b]));
    }
}
