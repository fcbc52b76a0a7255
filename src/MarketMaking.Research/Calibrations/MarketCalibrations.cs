using MarketMaking.Core.Errors;
using MarketMaking.Data.Files;
using MarketMaking.Signals.Calibration;
using MarketMaking.Simulation.Agents;
using MarketMaking.Simulation.Model;

namespace MarketMaking.Research.Calibrations;

/// <summary>
/// σ and the fill intensity λ(δ) = A·e^(−κδ) estimated on a tape: recorded data, the agent-based
/// market's or the model market's (whose true values are known). Fill intensity is counted as
/// market orders reaching each depth per second, fitted by maximum likelihood; σ from sampled mids.
/// What <c>mm calibrate</c> runs.
/// </summary>
public static class MarketCalibrations
{
    /// <summary>
    /// Calibrates on the first <paramref name="window"/> of an L2 file (all of it when null), as a
    /// backtest does (<see cref="MarketCalibrator.ForTicks"/>); estimates in price units.
    /// </summary>
    public static CalibrationRun FromData(string path, string format, TimeSpan? window = null)
    {
        using MarketDataReader reader = MarketDataFormats.Open(path, format);
        MarketCalibrator calibrator = MarketCalibrator.ForTicks();
        CalibrationResult result = calibrator.Calibrate(reader, window).InPriceUnits(reader.Instrument.TickSize);
        return new CalibrationRun(result, calibrator.Intensity.ObservedSeconds);
    }

    /// <summary>Calibrates on <paramref name="seconds"/> of the agent-based market's tape.</summary>
    public static CalibrationRun FromAgentMarket(AgentMarketParameters market, ulong seed, double seconds) =>
        new(AgentMarketCalibration.Calibrate(market, seed, seconds), seconds);

    /// <summary>
    /// Calibrates on <paramref name="seconds"/> of the model market's tape (one time unit is one
    /// second), with depth bins of <paramref name="depthStep"/> (default 0.2/κ of the model) and σ
    /// from mids sampled every <paramref name="sigmaInterval"/>; the model's own σ, A and κ are the truth.
    /// </summary>
    /// <exception cref="InvalidParameterException">A bin width or sampling interval is not positive.</exception>
    public static CalibrationRun FromModelMarket(ModelMarketParameters model, double seconds, ulong seed, double? depthStep, int depthLevels, TimeSpan sigmaInterval)
    {
        ArgumentNullException.ThrowIfNull(model);
        double step = InvalidParameterException.RequirePositive("depth-step", depthStep ?? (0.2 / model.Kappa));
        var intensity = new FillIntensityCalibrator(step, depthLevels);
        var volatility = new MidVolatilityEstimator(TimeSpan.FromSeconds(InvalidParameterException.RequirePositive("sigma-interval", sigmaInterval.TotalSeconds)));
        ModelMarketTape.Play(model, seconds, seed, (t, mid) =>
        {
            intensity.OnMid(t, mid);
            volatility.OnMid(t, mid);
        }, intensity.OnTrade);
        return new CalibrationRun(new CalibrationResult(volatility.Estimate(), intensity.Fit()), intensity.ObservedSeconds, (model.Sigma, model.A, model.Kappa));
    }
}
