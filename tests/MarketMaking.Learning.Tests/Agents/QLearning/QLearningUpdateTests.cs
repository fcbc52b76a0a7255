using MarketMaking.Learning.Agents.QLearning;

namespace MarketMaking.Learning.Tests.Agents.QLearning;

public sealed class QLearningUpdateTests
{
    [Fact]
    public void OneStepUpdateMatchesHandComputation()
    {
        // Two states (q ∈ {−1, 0, 1} × one time bin gives three; use rows 0 and 1), three actions, α = 1/(n + 1).
        var agent = new QLearningAgent(new QLearningSettings { MaxInventory = 1, TimeBins = 1, Gamma = 0.9, LearningRateExponent = 1, DoubleQ = false }, 3);
        double[] next = [1, 3, 2];
        next.CopyTo(agent.First, 1 * 3);

        // First visit: α = 1, so Q = r + γ·max Q(s′) = 0.5 + 0.9·3.
        agent.Update(0, 1, 0.5, 1, terminal: false);
        Assert.Equal(3.2, agent.Value(0, 1), 12);

        // Second visit, terminal: α = ½, target = −1, so Q = 3.2 + ½(−1 − 3.2).
        agent.Update(0, 1, -1, 1, terminal: true);
        Assert.Equal(1.1, agent.Value(0, 1), 12);
        Assert.Equal(2, agent.Visits(0, 1));
        Assert.Equal(1, agent.Greedy(0));
        Assert.Equal(0, agent.Value(0, 0));
    }

    [Fact]
    public void DoubleQValuesTheOwnGreedyActionWithTheOtherTable()
    {
        var agent = new QLearningAgent(new QLearningSettings { MaxInventory = 1, TimeBins = 1, LearningRateExponent = 1, DoubleQ = true }, 3);
        double[] first = [0, 5, 0], second = [1, -2, 0];
        first.CopyTo(agent.First, 3);
        second.CopyTo(agent.Second!, 3);

        // Updating the first table: a* = argmax first = 1, valued by the second table: 1 + (−2).
        agent.Update(0, 2, 1, 1, terminal: false, second: false);
        Assert.Equal(-1, agent.First[2]);
        Assert.Equal(0, agent.Second![2]);

        // Updating the second: a* = argmax second = 0, valued by the first: 1 + 0.
        agent.Update(0, 2, 1, 1, terminal: false, second: true);
        Assert.Equal(1, agent.Second[2]);
        Assert.Equal(0, agent.Value(0, 2));
    }

    [Fact]
    public void FactoredUpdateSplitsTheErrorBetweenBidAndAsk()
    {
        // 2 bids × 2 asks: action = bid·2 + ask; a row is [bid0, bid1, ask0, ask1].
        var agent = new QLearningAgent(new QLearningSettings { MaxInventory = 1, TimeBins = 1, LearningRateExponent = 1, DoubleQ = false, FactoredAskCount = 2 }, 4);
        Assert.Equal(4, agent.RowWidth);
        double[] next = [1, 2, 0.5, -1];
        next.CopyTo(agent.First, 4);
        Assert.Equal(2, agent.Greedy(1)); // best bid 1 with best ask 0
        Assert.Equal(2.5, agent.Value(1, 2));

        // Target 1 + 2.5 = 3.5, Q(0, ·) = 0: each side moves by ½·α·3.5 with α = 1.
        agent.Update(0, 3, 1, 1, terminal: false);

        Assert.Equal(3.5, agent.Value(0, 3), 12);
        Assert.Equal(1.75, agent.Value(0, 1), 12); // bid 0 untouched + ask 1
        Assert.Equal(1.75, agent.Value(0, 2), 12); // bid 1 + ask 0 untouched
        Assert.Equal(3, agent.Greedy(0));
    }

    [Fact]
    public void StatesBinInventoryTimeAndExtraFeatures()
    {
        var bins = new StateBins(new QLearningSettings { MaxInventory = 10, TimeBins = 20, Features = [FeatureBins.Uniform(2, 0, 1, 4)] });
        Assert.Equal(21 * 20 * 4, bins.Count);
        Assert.Equal(3, bins.ObservationSize);

        // Time left k/100 for k = 100..1: five steps per bin, the first step of an episode in the top bin.
        int[] perBin = new int[20];
        for (int k = 100; k >= 1; k--)
        {
            perBin[bins.TimeBin(k / 100f)]++;
        }

        Assert.All(perBin, n => Assert.Equal(5, n));
        Assert.Equal(19, bins.TimeBin(1f));
        Assert.Equal(0, bins.TimeBin(0.01f));

        Assert.Equal(10 + (21 * 19) + (21 * 20 * 2), bins.Index([0f, 1f, 0.6f]));
        Assert.Equal(20 + (21 * 19), bins.Index([1.7f, 1f, -3f])); // inventory clamped to Q_max, feature to its first bin
        Assert.Equal(7, bins.Index([-0.3f, 0.01f, 0f]));
    }

    [Fact]
    public void FeatureBinsCountEdgesAtOrBelow()
    {
        var uniform = FeatureBins.Uniform(0, 0, 1, 4);
        Assert.Equal([0.25, 0.5, 0.75], uniform.Edges);
        Assert.Equal([0, 1, 1, 3, 3], new[] { -1.0, 0.25, 0.3, 0.75, 9 }.Select(uniform.Bin));

        var quantiles = FeatureBins.Quantiles(0, [.. Enumerable.Range(0, 101).Select(i => (double)i)], 4);
        Assert.Equal([25.0, 50, 75], quantiles.Edges);
        Assert.Single(FeatureBins.Quantiles(0, [1, 1, 1, 1], 3).Edges); // repeated quantiles merge
    }
}
