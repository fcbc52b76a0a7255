using MarketMaking.Learning.Agents.Dqn;

namespace MarketMaking.Learning.Tests.Agents.Dqn;

public sealed class DqnTargetsTests
{
    [Fact]
    public void DoubleDqnLetsTheOnlineNetworkChooseAndTheTargetValue()
    {
        var head = new QHead(3, 0);
        float[] onlineNext = [1, 5, 2, 0, 0, 9];
        float[] targetNext = [10, 20, 30, 7, 7, 7];
        float[] targets = new float[2];

        DqnTargets.Compute(head, [0.5f, -1f], [false, true], onlineNext, targetNext, 0.9f, targets);

        Assert.Equal(0.5f + (0.9f * 20), targets[0]); // online picks action 1, the target network values it at 20
        Assert.Equal(-1f, targets[1]); // terminal: no bootstrap

        // Plain DQN: the target network both picks and values (max = 30).
        DqnTargets.Compute(head, [0.5f, -1f], [false, true], targetNext, targetNext, 0.9f, targets);
        Assert.Equal(0.5f + (0.9f * 30), targets[0]);
    }

    [Fact]
    public void FactoredHeadAddsTheBestBidAndTheBestAsk()
    {
        // 2 bids × 3 asks from 5 outputs [bid0, bid1, ask0, ask1, ask2].
        var head = new QHead(6, 3);
        float[] online = [0, 1, 3, 0, 2];
        float[] target = [1, 2, 0.5f, 4, 1];
        Assert.Equal(5, head.OutputSize);
        Assert.Equal(3, head.Greedy(online)); // bid 1, ask 0
        Assert.Equal(2.5f, head.Value(target, 3));

        float[] targets = new float[1];
        DqnTargets.Compute(head, [1f], [false], online, target, 1f, targets);
        Assert.Equal(3.5f, targets[0]);

        float[] gradient = new float[5];
        head.AddGradient(gradient, 5, 0.25f); // bid 1, ask 2
        Assert.Equal([0, 0.25f, 0, 0, 0.25f], gradient);
    }

    [Fact]
    public void AdvantageLearningLowersEachTargetByAlphaTimesTheActionsGapToTheBest()
    {
        var head = new QHead(3, 0);
        float[] targetNow = [1, 4, 2, 5, 5, 0];
        float[] targets = [10, 10];

        DqnTargets.WidenActionGaps(head, targetNow, [0, 1], 0.5f, targets);

        Assert.Equal(10 - (0.5f * (4 - 1)), targets[0]);
        Assert.Equal(10f, targets[1]); // the best action (tied) loses nothing
    }
}
