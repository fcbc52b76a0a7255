using MarketMaking.Core.Randomness;
using MarketMaking.Learning.Agents.Dqn;

namespace MarketMaking.Learning.Tests.Agents.Dqn;

public sealed class ReplayBufferTests
{
    [Fact]
    public void WrapsAroundOverwritingTheOldest()
    {
        var buffer = new ReplayBuffer(3, 2);
        for (int t = 0; t < 5; t++)
        {
            buffer.Add([t, -t], t, t * 0.5f, [t + 1, -t - 1], t == 4);
        }

        Assert.Equal(3, buffer.Count);
        Assert.Equal(5, buffer.Added);

        // Slots 0 and 1 were overwritten by transitions 3 and 4; slot 2 still holds 2.
        Assert.Equal([3, 4, 2], new[] { buffer.Action(0), buffer.Action(1), buffer.Action(2) });
        Assert.Equal([4f, -4f], buffer.Observation(1).ToArray());
        Assert.Equal([5f, -5f], buffer.Next(1).ToArray());
        Assert.Equal(1f, buffer.Reward(2));
        Assert.True(buffer.Terminal(1));
        Assert.False(buffer.Terminal(0));
    }

    [Fact]
    public void SamplesOnlyStoredTransitionsWithMatchingFields()
    {
        var buffer = new ReplayBuffer(8, 1);
        for (int t = 0; t < 5; t++)
        {
            buffer.Add([t], t, t, [t + 1], false);
        }

        var random = new ScalarRandom(1);
        float[] observations = new float[64], rewards = new float[64], next = new float[64];
        int[] actions = new int[64];
        bool[] terminal = new bool[64];
        buffer.Sample(ref random, observations, actions, rewards, next, terminal);

        Assert.All(actions, a => Assert.InRange(a, 0, 4));
        Assert.Equal(5, actions.Distinct().Count());
        for (int b = 0; b < 64; b++)
        {
            Assert.Equal(actions[b], observations[b]);
            Assert.Equal(actions[b] + 1, next[b]);
            Assert.Equal(actions[b], rewards[b]);
        }
    }
}
