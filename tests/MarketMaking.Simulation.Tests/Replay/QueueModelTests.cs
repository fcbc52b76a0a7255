using MarketMaking.Simulation.Exchange;

namespace MarketMaking.Simulation.Tests.Replay;

public class QueueModelTests
{
    [Fact]
    public void RiskAverseOnlyTradesMoveUsForward()
    {
        var model = new RiskAverseQueueModel();
        var q = new QueuePosition { Ahead = 5 };
        model.OnLevelChange(ref q, previous: 10, current: 7); // cancels: assumed behind us
        Assert.Equal(5, q.Ahead);
        model.OnLevelChange(ref q, previous: 7, current: 3); // but the queue ahead cannot exceed the level
        Assert.Equal(3, q.Ahead);
        model.OnTrade(ref q, 4);
        Assert.Equal(-1, q.Ahead); // one lot traded past the front: that lot was ours
    }

    [Fact]
    public void ProportionalModelSplitsCancelsByQueueSize()
    {
        // f(x) = x: front 5, back 10 − 5 = 5, p(back) = 5/10; 4 cancelled → front loses (1 − 0.5)·4 = 2 → 3.
        var model = ProbabilisticQueueModel.Power(1);
        var q = new QueuePosition { Ahead = 5 };
        model.OnLevelChange(ref q, previous: 10, current: 6);
        Assert.Equal(3, q.Ahead, 12);

        // f(x) = x²: front 3, back 6 − 3 = 3 → p = 9/18; 2 cancelled → 3 − 1 = 2.
        var square = ProbabilisticQueueModel.Power(2);
        square.OnLevelChange(ref q, previous: 6, current: 4);
        Assert.Equal(2, q.Ahead, 12);
    }

    [Fact]
    public void LogModelAndTradesAreNotCountedTwice()
    {
        // A trade of 2 at our price, then the level falls 10 → 5: 2 of the 5 were the trade,
        // 3 are cancels. front = 6 − 2 = 4, back = 10 − 4 = 6; p = ln 7 / (ln 7 + ln 5) = 0.547…
        var model = ProbabilisticQueueModel.Log();
        var q = new QueuePosition { Ahead = 6 };
        model.OnTrade(ref q, 2);
        model.OnLevelChange(ref q, previous: 10, current: 5);
        double p = Math.Log(7) / (Math.Log(7) + Math.Log(5));
        Assert.Equal(4 - ((1 - p) * 3), q.Ahead, 12);
        Assert.Equal(0, q.TradedSinceLevelChange);
    }

    [Fact]
    public void CancelsBeyondTheBackComeFromTheFront()
    {
        // front 2, back 1, 3 cancelled with f = x: p = 1/3 → 2 − (2/3)·3 + min(1 − 1, 0) = 0.
        var model = ProbabilisticQueueModel.Power(1);
        var q = new QueuePosition { Ahead = 2 };
        model.OnLevelChange(ref q, previous: 3, current: 0);
        Assert.Equal(0, q.Ahead, 12);
    }
}
