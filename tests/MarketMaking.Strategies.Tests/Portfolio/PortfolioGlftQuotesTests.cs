using MarketMaking.Core.Errors;
using MarketMaking.Core.Quoting;
using MarketMaking.Strategies.Models;
using MarketMaking.Strategies.Portfolio;

namespace MarketMaking.Strategies.Tests.Portfolio;

public class PortfolioGlftQuotesTests
{
    [Theory]
    [InlineData(0.1, 2.0, 140.0, 1.5, 1.0)]
    [InlineData(0.5, 0.3, 50.0, 10.0, 0.2)]
    [InlineData(2.0, 1.0, 10.0, 0.7, 3.0)]
    public void WithOneAssetTheQuotesAreTheOneAssetGlftQuotes(double gamma, double sigma, double a, double kappa, double size)
    {
        var glft = new GlftApproximationStrategy(new GlftApproximationParameters(gamma, sigma, a, kappa, size));
        PortfolioGlftQuotes portfolio = PortfolioGlftQuotes.Portfolio(gamma, new[,] { { sigma * sigma } }, [new PortfolioAsset(a, kappa, size)]);
        Span<double> bid = stackalloc double[1];
        Span<double> ask = stackalloc double[1];
        foreach (double orders in new[] { -7.0, -1, 0, 2, 11 })
        {
            double inventory = orders * size;
            QuoteDecision expected = glft.Decide(new QuoteContext { Mid = 100, Inventory = inventory });
            portfolio.Depths([inventory], bid, ask);

            Assert.Equal(expected.Bids[0].Price, 100 - bid[0], 10);
            Assert.Equal(expected.Asks[0].Price, 100 + ask[0], 10);
        }
    }

    [Fact]
    public void UncorrelatedAssetsAreQuotedAsIndependentMakers()
    {
        double[,] covariance = { { 4, 0 }, { 0, 0.25 } };
        PortfolioAsset[] assets = [new(140, 1.5), new(60, 3, 2)];
        PortfolioGlftQuotes portfolio = PortfolioGlftQuotes.Portfolio(0.1, covariance, assets);
        PortfolioGlftQuotes independent = PortfolioGlftQuotes.Independent(0.1, covariance, assets);

        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                Assert.Equal(independent.Gamma(i, j), portfolio.Gamma(i, j), 12);
            }
        }
    }

    [Fact]
    public void GammaSolvesTheRiccatiEquationAndALongInOneAssetSkewsTheOtherDown()
    {
        // γ = 0.2, Σ with ρ = 0.8, D_i = A_i Δ_i κ_i (1 + γΔ_i/κ_i)^(−1−κ_i/(γΔ_i)).
        double gamma = 0.2;
        double[,] covariance = CovarianceMatrix.Uniform([2.0, 1.0], 0.8);
        PortfolioAsset[] assets = [new(140, 1.5), new(80, 2, 0.5)];
        PortfolioGlftQuotes quotes = PortfolioGlftQuotes.Portfolio(gamma, covariance, assets);
        double[] d = [.. assets.Select(x => x.A * x.OrderQuantity * x.Kappa * Math.Pow(1 + (gamma * x.OrderQuantity / x.Kappa), -1 - (x.Kappa / (gamma * x.OrderQuantity))))];

        // Γ·D·Γ = γΣ/8, entry by entry.
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                double gdg = (quotes.Gamma(i, 0) * d[0] * quotes.Gamma(0, j)) + (quotes.Gamma(i, 1) * d[1] * quotes.Gamma(1, j));
                Assert.Equal(gamma * covariance[i, j] / 8, gdg, 12);
            }
        }

        // Long asset 1 only: asset 0's bid goes deeper and its ask closer (its risk is shared), by 2·Γ_01·q_1.
        Span<double> flatBid = stackalloc double[2], flatAsk = stackalloc double[2], bid = stackalloc double[2], ask = stackalloc double[2];
        quotes.Depths([0, 0], flatBid, flatAsk);
        quotes.Depths([0, 3], bid, ask);
        Assert.True(quotes.Gamma(0, 1) > 0);
        Assert.Equal(flatBid[0] + (6 * quotes.Gamma(0, 1)), bid[0], 12);
        Assert.Equal(flatAsk[0] - (6 * quotes.Gamma(0, 1)), ask[0], 12);
    }

    [Fact]
    public void ACovarianceThatIsNotPositiveDefiniteIsAParameterError()
    {
        var e = Assert.Throws<InvalidParameterException>(() => PortfolioGlftQuotes.Portfolio(0.1, new double[,] { { 1, 2 }, { 2, 1 } }, [new(1, 1), new(1, 1)]));
        Assert.Contains("positive definite", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidParameterException>(() => CovarianceMatrix.Uniform([1.0, 1.0], 1.0));
    }
}
