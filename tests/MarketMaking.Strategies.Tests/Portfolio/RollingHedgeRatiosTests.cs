using MarketMaking.Strategies.Portfolio;

namespace MarketMaking.Strategies.Tests.Portfolio;

public class RollingHedgeRatiosTests
{
    [Fact]
    public void TwoHedgesThatExplainTheReturnsExactlyGiveTheirCoefficientsWithNoError()
    {
        // y = 0.3 + 2·x₁ − 0.5·x₂ on four periods whose x are not collinear (with the intercept).
        var ratios = new RollingHedgeRatios(2, 4);
        double[][] x = [[1, 0], [0, 1], [1, 1], [-1, 0], [2, -1]];
        foreach (double[] row in x)
        {
            ratios.Add(row, 0.3 + (2 * row[0]) - (0.5 * row[1]));
        }

        Assert.Equal(4, ratios.Count); // the first period left the window
        Assert.Equal(2, ratios.Beta(0), 10);
        Assert.Equal(-0.5, ratios.Beta(1), 10);
        Assert.Equal(0, ratios.StandardError(0), 6);
        Assert.Equal(0, ratios.StandardError(1), 6);
    }

    [Fact]
    public void WithOneHedgeSlopeAndStandardErrorAreTheLeastSquaresOnesOfTheWindow()
    {
        // Window of 4 over five pairs: the first pair (100, −50) leaves. Remaining x = 1, 2, 3, 4 and
        // y = 2, 4.5, 5.5, 8: x̄ = 2.5, ȳ = 5, Sxx = 5, Sxy = 9.5, β = 1.9; residuals −0.15, 0.45,
        // −0.45, 0.15 → Σ = 0.45, s² = 0.225, SE = √(0.225/5) = 0.2121320…
        var beta = new RollingHedgeRatios(1, 4);
        beta.Add([100], -50);
        beta.Add([1], 2);
        beta.Add([2], 4.5);
        beta.Add([3], 5.5);
        beta.Add([4], 8);

        Assert.Equal(4, beta.Count);
        Assert.Equal(1.9, beta.Beta(0), 12);
        Assert.Equal(0.21213203435596426, beta.StandardError(0), 12);
    }

    [Fact]
    public void NotEnoughPeriodsOrAFlatHedgeGiveNoRatio()
    {
        var beta = new RollingHedgeRatios(1, 10);
        beta.Add([1], 1);
        beta.Add([2], 2);
        Assert.True(double.IsNaN(beta.Beta(0)));
        beta.Add([double.NaN], 3);
        Assert.Equal(2, beta.Count);

        var flat = new RollingHedgeRatios(1, 3);
        flat.Add([1], 1);
        flat.Add([1], 2);
        flat.Add([1], 3);
        Assert.True(double.IsNaN(flat.Beta(0)));
    }

    [Fact]
    public void CollinearHedgesGiveNoRatio()
    {
        var ratios = new RollingHedgeRatios(2, 4);
        foreach (double v in new[] { 0.01, -0.02, 0.03, 0.005 })
        {
            ratios.Add([v, 2 * v], v);
        }

        Assert.True(double.IsNaN(ratios.Beta(0)) && double.IsNaN(ratios.StandardError(1)));
    }
}
