using MarketMaking.Core.Randomness;

namespace MarketMaking.Core.Tests.Randomness;

public class ScalarRandomTests
{
    [Fact]
    public void SameSeedSameStreamOtherStreamOtherNumbers()
    {
        var a = new ScalarRandom(5);
        var b = new ScalarRandom(5);
        var c = new ScalarRandom(5, stream: 1);
        ulong x = a.NextBits();
        Assert.Equal(x, b.NextBits());
        Assert.NotEqual(x, c.NextBits());
    }

    [Fact]
    public void DistributionsHaveTheirMeans()
    {
        var random = new ScalarRandom(11);
        const int N = 200_000;
        double uniform = 0, exponential = 0, normal = 0, normalSquares = 0, geometric = 0, integer = 0, heads = 0;
        for (int i = 0; i < N; i++)
        {
            uniform += random.NextUniform();
            exponential += random.NextExponential(4);
            double z = random.NextNormal();
            normal += z;
            normalSquares += z * z;
            geometric += random.NextGeometric(0.25);
            integer += random.NextInt(10);
            heads += random.NextBool() ? 1 : 0;
        }

        // Means: U(0,1) 1/2 (sd √(1/12)); Exp(4) 1/4 (sd 1/4); N(0,1) 0 and E[Z²] = 1 (sd √2);
        // Geometric(0.25) failures 3 (sd √12); uniform integer on 0..9 4.5 (sd √8.25); coin 1/2.
        static void Near(double mean, double expected, double sd) =>
            Assert.InRange(mean, expected - (5 * sd / Math.Sqrt(N)), expected + (5 * sd / Math.Sqrt(N)));
        Near(uniform / N, 0.5, Math.Sqrt(1.0 / 12));
        Near(exponential / N, 0.25, 0.25);
        Near(normal / N, 0, 1);
        Near(normalSquares / N, 1, Math.Sqrt(2));
        Near(geometric / N, 3, Math.Sqrt(12));
        Near(integer / N, 4.5, Math.Sqrt(8.25));
        Near(heads / N, 0.5, 0.5);
    }
}
