using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;
using MarketMaking.Signals.Calibration;

namespace MarketMaking.Signals.Tests.Calibration;

public class FillIntensityCalibratorTests
{
    private const double Tolerance = 1e-12;

    // Grid in ticks: bins [0.5, 1.5), [1.5, 2.5), [2.5, ∞). Mid 100.5 from 0 to 10 s.
    //   1 s buy at 101: depth 0.5 → bin 0
    //   2 s buys at 101 and 102 at the same time: ONE order, depth 1.5 → bin 1
    //   3 s sell at 100: depth 0.5 → bin 0
    //   4 s sell at 98: depth 2.5 → bin 2 (open)
    //   5 s sell at 101: depth −0.5, the wrong side of the mid → below the grid
    private static FillIntensityCalibrator Example()
    {
        var calibrator = new FillIntensityCalibrator(depthStep: 1, depthLevels: 3, minDepth: 0.5);
        calibrator.OnMid(Books.At(0), 100.5);
        calibrator.OnTrade(Books.Trade(1, Side.Buy, 101, 1));
        calibrator.OnTrade(Books.Trade(2, Side.Buy, 101, 3));
        calibrator.OnTrade(Books.Trade(2, Side.Buy, 102, 1));
        calibrator.OnTrade(Books.Trade(3, Side.Sell, 100, 1));
        calibrator.OnTrade(Books.Trade(4, Side.Sell, 98, 7));
        calibrator.OnTrade(Books.Trade(5, Side.Sell, 101, 1));
        calibrator.OnMid(Books.At(10), 100.5);
        return calibrator;
    }

    [Fact]
    public void PooledFitByHand()
    {
        FillIntensityFit fit = Example().Fit();

        // Bin counts n = (2, 1, 1), N = 4, S = Σ j·nⱼ = 3, closed-bin orders N' = 3:
        //   e^(−κ) = S/(S + N') = 1/2 → κ = ln 2; exposure E = 10 s × 2 sides = 20;
        //   A = N·e^(κ·0.5)/E = 0.2·√2 = 0.28284 per second per side.
        Assert.Equal(Math.Log(2), fit.Kappa.Value, Tolerance);
        Assert.Equal(0.2 * Math.Sqrt(2), fit.A.Value, Tolerance);
        Assert.Equal(4, fit.Arrivals);
        Assert.Equal(20, fit.ExposureSeconds, Tolerance);

        // Fisher information in (ln A, κ); with Rⱼ = orders reaching the bin's lower edge = (4, 2, 1):
        //   I_aa = N = 4, I_aκ = −δ₀·N = −2,
        //   ∂μⱼ/∂κ = −lo·R(lo) + hi·R(hi) = (−0.5·4 + 1.5·2, −1.5·2 + 2.5·1, −2.5·1) = (1, −0.5, −2.5),
        //   I_κκ = 1²/2 + 0.5²/1 + 2.5²/1 = 7; det = 28 − 4 = 24.
        //   var ln A = 7/24, var κ = 4/24, correlation = (2/24)/√(28/576) = 0.37796.
        double seLogA = Math.Sqrt(7.0 / 24);
        Assert.Equal(0.2 * Math.Sqrt(2) * seLogA, fit.A.StandardError, Tolerance);
        Assert.Equal(Math.Sqrt(4.0 / 24), fit.Kappa.StandardError, Tolerance);
        Assert.Equal(2 / Math.Sqrt(28), fit.Correlation, Tolerance);
        // A's interval on the log scale: 0.28284·e^(±1.96·0.54006) = [0.09814, 0.81517]; κ ± 1.96·0.40825.
        Assert.Equal(0.2 * Math.Sqrt(2) * Math.Exp(-1.959963984540054 * seLogA), fit.A.Lower, Tolerance);
        Assert.Equal(0.2 * Math.Sqrt(2) * Math.Exp(1.959963984540054 * seLogA), fit.A.Upper, Tolerance);
        Assert.Equal(Math.Log(2) - (1.959963984540054 * Math.Sqrt(4.0 / 24)), fit.Kappa.Lower, Tolerance);

        // Orders reaching 0.5, 1.5, 2.5: 4, 2, 1 → 0.2, 0.1, 0.05 per second per side, as fitted.
        Assert.Equal([0.5, 1.5, 2.5], fit.Curve.Select(p => p.Depth));
        Assert.Equal([4L, 2L, 1L], fit.Curve.Select(p => p.Arrivals));
        Assert.Equal(0.1, fit.Curve[1].Intensity, Tolerance);
        Assert.Equal(0.1, fit.Curve[1].Fitted, Tolerance);
    }

    [Fact]
    public void OneSideByHand()
    {
        FillIntensityCalibrator calibrator = Example();

        // Buys: n = (1, 1, 0), S = 1, N' = 2 → e^(−κ) = 1/3; A = 2·√3/10.
        FillIntensityFit buys = calibrator.Fit(Side.Buy);
        Assert.Equal(Math.Log(3), buys.Kappa.Value, Tolerance);
        Assert.Equal(0.2 * Math.Sqrt(3), buys.A.Value, Tolerance);

        // Sells: n = (1, 0, 1), S = 2, N' = 1 → e^(−κ) = 2/3.
        FillIntensityFit sells = calibrator.Fit(Side.Sell);
        Assert.Equal(Math.Log(1.5), sells.Kappa.Value, Tolerance);
        Assert.Equal(1, calibrator.BelowGrid); // the sell at 5 s
    }

    [Fact]
    public void TheOrderBeingAssembledCountsInAFit()
    {
        var calibrator = new FillIntensityCalibrator(depthStep: 1, depthLevels: 3);
        calibrator.OnMid(Books.At(0), 100);
        calibrator.OnTrade(Books.Trade(1, Side.Buy, 101, 1)); // depth 1 → bin 1
        calibrator.OnTrade(Books.Trade(2, Side.Sell, 100, 1)); // depth 0 → bin 0, still open
        calibrator.OnMid(Books.At(4), 100);

        FillIntensityFit fit = calibrator.Fit();

        // n = (1, 1, 0): S = 1, N' = 2 → κ = ln 3, A = 2/(4·2) = 0.25 (δ₀ = 0).
        Assert.Equal(2, fit.Arrivals);
        Assert.Equal(Math.Log(3), fit.Kappa.Value, Tolerance);
        Assert.Equal(0.25, fit.A.Value, Tolerance);
    }

    [Fact]
    public void TradesBeforeTheFirstMidAreIgnored()
    {
        var calibrator = new FillIntensityCalibrator(depthStep: 1);
        calibrator.OnTrade(Books.Trade(0, Side.Buy, 101, 1));

        Assert.Equal(0, calibrator.ObservedSeconds);
        Assert.Throws<InsufficientDataException>(calibrator.Fit);
    }

    [Fact]
    public void OrdersAllInTheFirstBinCannotIdentifyKappa()
    {
        var calibrator = new FillIntensityCalibrator(depthStep: 10, depthLevels: 3);
        calibrator.OnMid(Books.At(0), 100);
        calibrator.OnTrade(Books.Trade(1, Side.Buy, 101, 1));
        calibrator.OnTrade(Books.Trade(2, Side.Sell, 99, 1));

        var error = Assert.Throws<InsufficientDataException>(calibrator.Fit);
        Assert.Contains("smaller depth step", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAGridWithOneLevel()
    {
        var error = Assert.Throws<Core.Errors.InvalidParameterException>(() => new FillIntensityCalibrator(1, depthLevels: 1));

        Assert.Equal("depth_levels", error.Parameter);
    }
}
