using MarketMaking.Core.Errors;
using MarketMaking.Signals.Calibration;

namespace MarketMaking.Signals.Tests.Calibration;

public class MidVolatilityEstimatorTests
{
    [Fact]
    public void RealizedVarianceOnAOneSecondGrid()
    {
        var estimator = new MidVolatilityEstimator(TimeSpan.FromSeconds(1));
        estimator.OnMid(Books.At(0), 100);
        estimator.OnMid(Books.At(0.5), 101);
        estimator.OnMid(Books.At(1), 102);   // the grid point at 1 s sees this mid
        estimator.OnMid(Books.At(2.5), 100);
        estimator.OnMid(Books.At(5.2), 101);

        // Mid at grid points 0..5: 100, 102, 102, 100, 100, 100 → increments 2, 0, −2, 0, 0.
        // σ̂ = √(8/(5·1 s)) = √1.6 = 1.26491; se(ln σ̂) = 1/√10; se(σ̂) = √1.6/√10 = 0.4.
        ParameterEstimate sigma = estimator.Estimate();
        Assert.Equal(5, estimator.Increments);
        Assert.Equal(Math.Sqrt(1.6), sigma.Value, 1e-12);
        Assert.Equal(0.4, sigma.StandardError, 1e-12);
        double factor = Math.Exp(1.959963984540054 / Math.Sqrt(10));
        Assert.Equal(Math.Sqrt(1.6) / factor, sigma.Lower, 1e-12);
        Assert.Equal(Math.Sqrt(1.6) * factor, sigma.Upper, 1e-12);
    }

    [Fact]
    public void NeedsTwoIncrements()
    {
        var estimator = new MidVolatilityEstimator(TimeSpan.FromSeconds(1));
        estimator.OnMid(Books.At(0), 100);
        estimator.OnMid(Books.At(1.5), 100);

        Assert.Throws<InsufficientDataException>(() => estimator.Estimate());
    }
}
