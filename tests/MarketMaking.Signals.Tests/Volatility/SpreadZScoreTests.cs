using MarketMaking.Core.Books;
using MarketMaking.Signals.Volatility;

namespace MarketMaking.Signals.Tests.Volatility;

public class SpreadZScoreTests
{
    [Fact]
    public void ScoresTheCurrentSpreadAgainstTheWindow()
    {
        var score = new SpreadZScore(samples: 4);
        var book = new OrderBook();
        foreach (long spread in new long[] { 1, 1, 2 })
        {
            Books.Touch(book, 100, 1, 100 + spread, 1);
            score.Update(book);
        }

        Assert.False(score.IsReady);
        Books.Touch(book, 100, 1, 104, 1);
        score.Update(book);

        // Spreads 1, 1, 2, 4: mean 2, sample variance (1 + 1 + 0 + 4)/3 = 2; z = (4 − 2)/√2 = 1.41421.
        Assert.Equal(4, score.Spread);
        Assert.Equal(2, score.Mean, 1e-12);
        Assert.Equal(Math.Sqrt(2), score.Value, 1e-12);
        Assert.True(score.IsReady);

        // Spreads 1, 2, 4, 1: mean 2, variance (1 + 0 + 4 + 1)/3 = 2; z = (1 − 2)/√2 = −0.70711.
        Books.Touch(book, 100, 1, 101, 1);
        score.Update(book);
        Assert.Equal(-1 / Math.Sqrt(2), score.Value, 1e-12);
    }

    [Fact]
    public void IsZeroWhileTheSpreadNeverChanged()
    {
        var score = new SpreadZScore(samples: 2);
        var book = Books.Of([(100, 1)], [(101, 1)]);
        score.Update(book);
        score.Update(book);

        Assert.Equal(0, score.Value);
    }
}
