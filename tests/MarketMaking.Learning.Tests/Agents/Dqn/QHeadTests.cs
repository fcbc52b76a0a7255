using MarketMaking.Learning.Agents.Dqn;

namespace MarketMaking.Learning.Tests.Agents.Dqn;

public sealed class QHeadTests
{
    public static TheoryData<int, int, bool, int> Heads => new()
    {
        { 6, 0, false, 0 },
        { 6, 3, false, 0 },
        { 6, 0, true, 0 },
        { 12, 4, true, 0 },
        { 12, 4, false, 2 },
        { 144, 12, false, 5 },
        { 7, 0, false, 3 },
    };

    [Fact]
    public void DuelingAddsTheStateValueToAdvantagesCentredOnTheirMean()
    {
        // 2 bids × 3 asks: [V, A_bid0, A_bid1, A_ask0, A_ask1, A_ask2].
        var head = new QHead(6, 3, dueling: true);
        float[] row = [10, 1, 3, 0, 3, 6];

        Assert.Equal(6, head.OutputSize);
        Assert.Equal(10 + (3 - 2) + (6 - 3), head.Value(row, 5)); // bid 1, ask 2
        Assert.Equal(10 + (1 - 2) + (0 - 3), head.Value(row, 0));
        Assert.Equal(5, head.Greedy(row));
    }

    [Fact]
    public void SmoothHeadsReadCentredLegendrePolynomialsOfTheDepthRank()
    {
        // Five depths at x = −1, −½, 0, ½, 1. P₁ = x (mean 0); P₂ = (3x² − 1)/2 = 1, −⅛, −½, −⅛, 1 (mean ¼).
        var head = new QHead(5, 0, smoothDegree: 2);
        float[] row = [2, 0.4f, 0.8f];
        float[] p2 = [0.75f, -0.375f, -0.75f, -0.375f, 0.75f];
        float[] x = [-1, -0.5f, 0, 0.5f, 1];

        Assert.Equal(3, head.OutputSize);
        for (int j = 0; j < 5; j++)
        {
            Assert.Equal(2 + (0.4f * x[j]) + (0.8f * p2[j]), head.Value(row, j), 5);
        }

        Assert.Equal(4, head.Greedy(row)); // 2 + 0.4 + 0.6 at x = 1
    }

    [Theory]
    [MemberData(nameof(Heads))]
    public void TheGreedyActionHasTheLargestValue(int actions, int asks, bool dueling, int degree)
    {
        var head = new QHead(actions, asks, dueling, degree);
        var random = new Random(5);
        for (int trial = 0; trial < 50; trial++)
        {
            float[] row = [.. Enumerable.Range(0, head.OutputSize).Select(_ => (float)random.NextDouble() - 0.5f)];
            float best = Enumerable.Range(0, actions).Max(a => head.Value(row, a));
            Assert.Equal(best, head.Value(row, head.Greedy(row)), 5);
            Assert.Equal(best, head.Max(row), 5);
        }
    }

    [Theory]
    [MemberData(nameof(Heads))]
    public void TheGradientIsTheDerivativeOfTheValue(int actions, int asks, bool dueling, int degree)
    {
        // Q is linear in the row, so a unit step in output k moves Q(s, a) by exactly ∂Q/∂row[k].
        var head = new QHead(actions, asks, dueling, degree);
        float[] row = [.. Enumerable.Range(0, head.OutputSize).Select(k => 0.1f * k)];
        foreach (int action in new[] { 0, actions / 2, actions - 1 })
        {
            float[] gradient = new float[head.OutputSize];
            head.AddGradient(gradient, action, 1f);
            for (int k = 0; k < head.OutputSize; k++)
            {
                float[] moved = (float[])row.Clone();
                moved[k] += 1;
                Assert.Equal(head.Value(moved, action) - head.Value(row, action), gradient[k], 4);
            }
        }
    }

    [Fact]
    public void HeadsReadRowsAlikeOnlyWithTheSameShape()
    {
        Assert.True(new QHead(144, 12, smoothDegree: 5).SameAs(new QHead(144, 12, smoothDegree: 5)));
        Assert.False(new QHead(144, 12, smoothDegree: 5).SameAs(new QHead(144, 12, smoothDegree: 4)));
        Assert.False(new QHead(144, 12).SameAs(new QHead(144, 12, dueling: true)));
        Assert.False(new QHead(144, 12).SameAs(new QHead(144, 0)));
    }
}
