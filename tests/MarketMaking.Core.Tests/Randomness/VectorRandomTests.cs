using System.Numerics;
using MarketMaking.Core.Randomness;

namespace MarketMaking.Core.Tests.Randomness;

public class VectorRandomTests
{
    [Fact]
    public void LaneOfAGroupEqualsTheTrajectoryOnItsOwn()
    {
        // The property the vectorized and event-driven markets rely on.
        int width = Vector<double>.Count;
        VectorRandom group = VectorRandom.ForTrajectories(seed: 42, firstTrajectory: 8, trajectoryCount: width);
        var single = new VectorRandom[width];
        for (int lane = 0; lane < width; lane++)
        {
            single[lane] = VectorRandom.ForTrajectory(42, 8 + lane);
        }

        for (int draw = 0; draw < 100; draw++)
        {
            Vector<double> values = draw % 2 == 0 ? group.NextUniform() : group.NextNormal();
            for (int lane = 0; lane < width; lane++)
            {
                double alone = draw % 2 == 0 ? single[lane].NextUniform()[0] : single[lane].NextNormal()[0];
                Assert.Equal(alone, values[lane]);
            }
        }
    }

    [Fact]
    public void SameSeedSameStreamOtherSeedOtherStream()
    {
        VectorRandom a = VectorRandom.ForTrajectory(7, 0);
        VectorRandom b = VectorRandom.ForTrajectory(7, 0);
        VectorRandom c = VectorRandom.ForTrajectory(8, 0);
        VectorRandom d = VectorRandom.ForTrajectory(7, 1);
        double x = a.NextUniform()[0];
        Assert.Equal(x, b.NextUniform()[0]);
        Assert.NotEqual(x, c.NextUniform()[0]);
        Assert.NotEqual(x, d.NextUniform()[0]);
    }

    [Fact]
    public void UniformsHaveTheMomentsOfU01()
    {
        VectorRandom random = VectorRandom.ForTrajectories(1, 0, Vector<double>.Count);
        const int Draws = 50_000;
        double sum = 0, sumSquares = 0, min = 1, max = 0;
        long count = 0;
        for (int i = 0; i < Draws; i++)
        {
            Vector<double> u = random.NextUniform();
            for (int lane = 0; lane < Vector<double>.Count; lane++)
            {
                sum += u[lane];
                sumSquares += u[lane] * u[lane];
                min = Math.Min(min, u[lane]);
                max = Math.Max(max, u[lane]);
                count++;
            }
        }

        double mean = sum / count;
        double variance = (sumSquares / count) - (mean * mean);

        // Mean 1/2 with standard error √(1/12/n); variance 1/12.
        Assert.InRange(mean, 0.5 - (5 * Math.Sqrt(1.0 / 12 / count)), 0.5 + (5 * Math.Sqrt(1.0 / 12 / count)));
        Assert.InRange(variance, (1.0 / 12) * 0.99, (1.0 / 12) * 1.01);
        Assert.True(min >= 0 && max < 1);
    }

    [Fact]
    public void NormalsHaveZeroMeanUnitVarianceAndNoExcessKurtosis()
    {
        VectorRandom random = VectorRandom.ForTrajectories(3, 0, Vector<double>.Count);
        double sum = 0, sum2 = 0, sum4 = 0;
        long n = 0;
        for (int i = 0; i < 50_000; i++)
        {
            Vector<double> z = random.NextNormal();
            for (int lane = 0; lane < Vector<double>.Count; lane++)
            {
                double x = z[lane];
                sum += x;
                sum2 += x * x;
                sum4 += x * x * x * x;
                n++;
            }
        }

        double mean = sum / n;
        double variance = sum2 / n;
        Assert.InRange(mean, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
        Assert.InRange(variance, 1 - (5 * Math.Sqrt(2.0 / n)), 1 + (5 * Math.Sqrt(2.0 / n)));

        // E[Z⁴] = 3 with sd √96/√n.
        Assert.InRange(sum4 / n, 3 - (5 * Math.Sqrt(96.0 / n)), 3 + (5 * Math.Sqrt(96.0 / n)));
    }

    [Fact]
    public void CoinIsFairAndUnrelatedToTheUniformOfTheSameWord()
    {
        VectorRandom random = VectorRandom.ForTrajectories(5, 0, Vector<double>.Count);
        long heads = 0, n = 0;
        double sumU = 0, sumCoinU = 0;
        for (int i = 0; i < 100_000; i++)
        {
            Vector<double> u = random.NextUniform(out Vector<long> coin);
            for (int lane = 0; lane < Vector<double>.Count; lane++)
            {
                int c = coin[lane] == -1 ? 1 : 0;
                Assert.True(coin[lane] is 0 or -1);
                heads += c;
                sumU += u[lane];
                sumCoinU += c * u[lane];
                n++;
            }
        }

        double p = (double)heads / n;
        Assert.InRange(p, 0.5 - (5 * Math.Sqrt(0.25 / n)), 0.5 + (5 * Math.Sqrt(0.25 / n)));

        // Cov(coin, u) = E[coin·u] − E[coin]E[u]; sd of the estimate ≈ √(1/4·1/12/n).
        double covariance = (sumCoinU / n) - (p * (sumU / n));
        Assert.InRange(covariance, -5 * Math.Sqrt(1.0 / 48 / n), 5 * Math.Sqrt(1.0 / 48 / n));
    }
}
