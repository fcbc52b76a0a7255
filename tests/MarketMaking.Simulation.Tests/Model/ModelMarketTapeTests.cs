using MarketMaking.Core.Orders;
using MarketMaking.Signals.Calibration;
using MarketMaking.Simulation.Model;

namespace MarketMaking.Simulation.Tests.Model;

public class ModelMarketTapeTests
{
    public static TheoryData<double, double, double> Markets() => new()
    {
        // A, κ, σ
        { 140, 1.5, 2 },
        { 20, 0.5, 1 },
        { 500, 4, 0.5 },
    };

    [Theory]
    [MemberData(nameof(Markets))]
    public void CalibrationRecoversTheModelInsideItsOwnIntervals(double a, double kappa, double sigma)
    {
        var market = new ModelMarketParameters { A = a, Kappa = kappa, Sigma = sigma, Shock = MidShock.Gaussian };
        var intensity = new FillIntensityCalibrator(depthStep: 0.05 / kappa * 4, depthLevels: 40);
        var volatility = new MidVolatilityEstimator(TimeSpan.FromSeconds(0.05));
        ModelMarketTape.Play(market, duration: 200, seed: 3, (t, mid) =>
        {
            intensity.OnMid(t, mid);
            volatility.OnMid(t, mid);
        }, intensity.OnTrade);

        FillIntensityFit fit = intensity.Fit();
        ParameterEstimate sigmaFit = volatility.Estimate();
        Assert.True(fit.A.Contains(a), $"A: {fit.A}");
        Assert.True(fit.Kappa.Contains(kappa), $"κ: {fit.Kappa}");
        Assert.True(sigmaFit.Contains(sigma), $"σ: {sigmaFit}");

        // Intervals narrow enough to mean something: within 15% at this much data.
        Assert.InRange(fit.Kappa.Upper / fit.Kappa.Lower, 1, 1.15);
    }

    [Fact]
    public void EveryOrderArrivesOnItsSideOfTheMidAndRatesMatchA()
    {
        var market = new ModelMarketParameters { Sigma = 0 };
        long buys = 0, sells = 0;
        ModelMarketTape.Play(market, duration: 50, seed: 1, (_, mid) => Assert.Equal(100, mid), (_, side, price) =>
        {
            if (side == Side.Buy)
            {
                Assert.True(price > 100);
                buys++;
            }
            else
            {
                Assert.True(price < 100);
                sells++;
            }
        });

        // 140 per unit per side for 50 units: 7000 ± 5√7000.
        Assert.InRange(buys, 7000 - (5 * Math.Sqrt(7000)), 7000 + (5 * Math.Sqrt(7000)));
        Assert.InRange(sells, 7000 - (5 * Math.Sqrt(7000)), 7000 + (5 * Math.Sqrt(7000)));
    }
}
