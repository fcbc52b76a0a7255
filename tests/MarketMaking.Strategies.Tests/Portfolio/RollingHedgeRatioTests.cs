using MarketMaking.Strategies.Portfolio;

namespace MarketMaking.Strategies.Tests.Portfolio;

public class RollingHedgeRatioTests
{
    [Fact]
    public void SlopeAndStandardErrorAreTheLeastSquaresOnesOfTheWindow()
    {
        // Window of 4 over five pairs: the first pair (100, −50) leaves. Remaining x = 1, 2, 3, 4 and
        // y = 2, 4.5, 5.5, 8: x̄ = 2.5, ȳ = 5, Sxx = 5, Sxy = 9.5, β = 1.9; residuals −0.15, 0.45,
        // −0.45, 0.15 → Σ = 0.45, s² = 0.225, SE = √(0.225/5) = 0.2121320…
        var beta = new RollingHedgeRatio(4);
        beta.Add(100, -50);
        beta.Add(1, 2);
        beta.Add(2, 4.5);
        beta.Add(3, 5.5);
        beta.Add(4, 8);

        Assert.Equal(4, beta.Count);
        Assert.Equal(1.9, beta.Beta, 12);
        Assert.Equal(0.21213203435596426, beta.StandardError, 12);
    }

    [Fact]
    public void NotEnoughPairsOrAFlatHedgeGiveNoRatio()
    {
        var beta = new RollingHedgeRatio(10);
        beta.Add(1, 1);
        beta.Add(2, 2);
        Assert.True(double.IsNaN(beta.Beta));
        beta.Add(double.NaN, 3);
        Assert.Equal(2, beta.Count);

        var flat = new RollingHedgeRatio(3);
        flat.Add(1, 1);
        flat.Add(1, 2);
        flat.Add(1, 3);
        Assert.True(double.IsNaN(flat.Beta));
    }
}
