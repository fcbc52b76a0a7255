using MarketMaking.Core.Errors;
using MarketMaking.Research.Backtests;
using MarketMaking.Research.Calibrations;
using MarketMaking.Research.Replay;
using MarketMaking.Signals.Calibration;
using MarketMaking.Simulation.Model;

namespace MarketMaking.Research.Tests.Calibrations;

public class MarketCalibrationsTests
{
    [Fact]
    public void TheModelMarketsTrueParametersLieInsideTheIntervals()
    {
        ModelMarketParameters model = ModelMarketPresets.AvellanedaStoikov with { A = 60, Kappa = 2, Sigma = 1.5 };
        CalibrationRun run = MarketCalibrations.FromModelMarket(model, 300, 1, null, 40, TimeSpan.FromSeconds(0.05));
        Assert.Equal((1.5, 60.0, 2.0), run.Truth);
        Assert.InRange(1.5, run.Result.Sigma.Lower, run.Result.Sigma.Upper);
        Assert.InRange(60, run.Result.A.Lower, run.Result.A.Upper);
        Assert.InRange(2, run.Result.Kappa.Lower, run.Result.Kappa.Upper);
        Assert.InRange(run.ObservedSeconds, 299, 300);
        Assert.Equal("depth-step", Assert.Throws<InvalidParameterException>(() => MarketCalibrations.FromModelMarket(model, 300, 1, -1, 40, TimeSpan.FromSeconds(0.05))).Parameter);
    }

    [Fact]
    public void ImpliedQuotesAreTheClosedForms()
    {
        CalibrationResult result = MarketCalibrations.FromModelMarket(ModelMarketPresets.AvellanedaStoikov, 100, 2, null, 40, TimeSpan.FromSeconds(0.05)).Result;
        double gamma = 0.1, tau = 1, sigma = result.Sigma.Value, kappa = result.Kappa.Value;
        ImpliedQuotes quotes = ImpliedQuotes.Of(result, gamma, tau);

        // Avellaneda–Stoikov: half spread γσ²τ/2 + ln(1 + γ/κ)/γ, the centre moving γσ²τ per unit held.
        Assert.Equal((gamma * sigma * sigma * tau / 2) + (Math.Log(1 + (gamma / kappa)) / gamma), quotes.AvellanedaStoikov.BidHalfSpread, 9);
        Assert.Equal(gamma * sigma * sigma * tau, quotes.AvellanedaStoikov.Skew, 9);
        Assert.Equal(quotes.Glft.BidHalfSpread, quotes.Glft.AskHalfSpread, 12);
    }

    [SharedDataFact]
    public void CalibratingOnDataIsWhatABacktestCalibratesOn()
    {
        CalibrationRun run = MarketCalibrations.FromData(SharedData.BinanceUsdm, "binance-usdm", TimeSpan.FromSeconds(60));
        var backtest = ReplayBacktest.Open(SharedData.BinanceUsdm, "binance-usdm", new ReplaySetup());
        Assert.Equal((backtest.Session.Calibration!.Sigma, backtest.Session.Calibration.A, backtest.Session.Calibration.Kappa), (run.Result.Sigma, run.Result.A, run.Result.Kappa));
        Assert.Null(run.Truth);
    }
}
