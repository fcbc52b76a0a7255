using MarketMaking.Core.Orders;
using MarketMaking.Signals.Calibration;

namespace MarketMaking.Signals.Tests.Calibration;

public class MarketCalibratorTests
{
    [Fact]
    public void CalibratesFromAMarketEventStream()
    {
        var calibrator = new MarketCalibrator(
            new FillIntensityCalibrator(depthStep: 1, depthLevels: 3, minDepth: 0.5),
            new MidVolatilityEstimator(TimeSpan.FromSeconds(1)));
        calibrator.Update(Books.Level(0, Side.Buy, 100, 5, endOfBatch: false));
        calibrator.Update(Books.Level(0, Side.Sell, 101, 5));            // mid 100.5 from 0 s
        calibrator.Update(Books.Trade(1, Side.Buy, 101, 2));             // depth 0.5 → bin 0
        calibrator.Update(Books.Level(1, Side.Sell, 101, 3));
        calibrator.Update(Books.Trade(2, Side.Sell, 99, 1));             // depth 1.5 → bin 1
        calibrator.Update(Books.Level(3, Side.Sell, 101, 0, endOfBatch: false));
        calibrator.Update(Books.Level(3, Side.Sell, 102, 4));            // mid 101 from 3 s
        calibrator.Update(Books.Trade(4, Side.Buy, 103, 1));             // depth 2 → bin 1
        calibrator.Update(Books.Level(10, Side.Buy, 100, 6));            // mid 101 at 10 s

        CalibrationResult result = calibrator.Calibrate();

        // Bins (1, 2, 0): S = 2, N' = 3 → e^(−κ) = 2/5; A = 3·e^(0.5κ)/(10 s · 2) = 0.15·√2.5.
        Assert.Equal(Math.Log(2.5), result.Kappa.Value, 1e-12);
        Assert.Equal(0.15 * Math.Sqrt(2.5), result.A.Value, 1e-12);
        // Grid mids 100.5 (0, 1, 2 s), 101 (3 … 9 s): increments 0, 0, 0.5, 0 × 6 → σ̂ = √(0.25/9) = 1/6.
        Assert.Equal(9, calibrator.Volatility.Increments);
        Assert.Equal(1.0 / 6, result.Sigma.Value, 1e-12);
    }
}
