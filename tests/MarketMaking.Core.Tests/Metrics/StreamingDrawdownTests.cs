using MarketMaking.Core.Metrics;

namespace MarketMaking.Core.Tests.Metrics;

public class StreamingDrawdownTests
{
    [Fact]
    public void TracksPeakAndLargestFall()
    {
        var drawdown = new StreamingDrawdown();
        foreach (double equity in new[] { 10.0, 12, 9, 11, 7, 13, 12 })
        {
            drawdown.Observe(equity);
        }

        // Peak 12 (index 1) → 7 (index 4) falls 5; later 13 → 12 only falls 1.
        Assert.Equal(7, drawdown.Count);
        Assert.Equal(13, drawdown.Peak);
        Assert.Equal(5, drawdown.MaxDrawdown);
        DrawdownResult result = drawdown.Result(initialCapital: 88);
        Assert.Equal(1, result.PeakIndex);
        Assert.Equal(4, result.TroughIndex);
        // 5 / (88 + 12) = 0.05.
        Assert.Equal(0.05, result.Fraction, 1e-12);
    }

    [Fact]
    public void EmptyCurve()
    {
        var drawdown = new StreamingDrawdown();

        Assert.True(double.IsNaN(drawdown.Peak));
        DrawdownResult result = drawdown.Result(initialCapital: 0);
        Assert.Equal(0, result.Absolute);
        Assert.Equal(-1, result.PeakIndex);
        Assert.True(double.IsNaN(result.Fraction));
    }

    [Fact]
    public void NegativeFirstValueIsThePeak()
    {
        var drawdown = new StreamingDrawdown();
        drawdown.Observe(-5);
        drawdown.Observe(-8);

        // The default peak of 0 must not count: the fall is −5 → −8 = 3, not 8.
        Assert.Equal(3, drawdown.MaxDrawdown);
    }
}
