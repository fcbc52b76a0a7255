using MarketMaking.Core.Orders;
using MarketMaking.Signals.Calibration;

namespace MarketMaking.Signals.Tests.Calibration;

/// <summary>
/// The Avellaneda–Stoikov market as data: an arithmetic Brownian mid (σ per √s, updated every
/// 0.1 s) and, on each side, market orders arriving as a Poisson process of rate A per second
/// whose depth from the mid is Exp(κ), so λ(δ) = A·e^(−κδ) exactly.
/// </summary>
internal static class SyntheticMarket
{
    private const long Step = 100_000_000; // 0.1 s in ns

    public static void Run(MarketCalibrator calibrator, double a, double kappa, double sigma, double seconds, int seed)
    {
        var random = new Random(seed);
        double mid = 100;
        double nextBuy = Exponential(random, a);
        double nextSell = Exponential(random, a);
        long steps = (long)Math.Round(seconds / 0.1);
        for (long k = 0; ; k++)
        {
            calibrator.OnMid(k * Step, mid);
            if (k == steps)
            {
                return;
            }

            double end = (k + 1) * 0.1;
            while (Math.Min(nextBuy, nextSell) < end)
            {
                bool buy = nextBuy <= nextSell;
                double time = buy ? nextBuy : nextSell;
                double depth = Exponential(random, kappa);
                calibrator.OnTrade((long)(time * 1e9), buy ? Side.Buy : Side.Sell, buy ? mid + depth : mid - depth);
                if (buy)
                {
                    nextBuy += Exponential(random, a);
                }
                else
                {
                    nextSell += Exponential(random, a);
                }
            }

            mid += sigma * Math.Sqrt(0.1) * Gaussian(random);
        }
    }

    private static double Exponential(Random random, double rate) => -Math.Log(1 - random.NextDouble()) / rate;

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
