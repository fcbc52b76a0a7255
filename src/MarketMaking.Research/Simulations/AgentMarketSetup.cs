using System.Globalization;
using MarketMaking.Core.Errors;
using MarketMaking.Signals.Calibration;
using MarketMaking.Simulation.Agents;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Simulations;

/// <summary>
/// An agent-based market with strategy settings whose σ, A and κ are calibrated on the market's
/// own tape (on a seed no run uses, so nothing is fitted to the paths traded on).
/// </summary>
/// <param name="Name">The market's name in reports, e.g. lob/toxic.</param>
/// <param name="Market">The market's parameters.</param>
/// <param name="Calibration">σ, A and κ with their intervals.</param>
/// <param name="Settings">Strategy settings for this market: the calibration, the run length as horizon, the decision interval as time step, one lot per order, then the caller's own settings.</param>
/// <param name="CalibrationSeconds">Seconds of tape the calibration observed.</param>
public sealed record AgentMarketSetup(string Name, AgentMarketParameters Market, CalibrationResult Calibration, StrategySettings Settings, double CalibrationSeconds)
{
    /// <summary>Seed offset of the calibration tape.</summary>
    public const ulong CalibrationSeedOffset = 1_000_003;

    /// <summary>
    /// Calibrates σ, A and κ on <paramref name="calibrateSeconds"/> of the market's tape (seed
    /// <paramref name="seed"/> + <see cref="CalibrationSeedOffset"/>) and builds strategy settings from
    /// them; <paramref name="resolve"/> sets the caller's own strategy settings on top.
    /// </summary>
    /// <exception cref="InvalidParameterException">The calibration length is not positive.</exception>
    public static AgentMarketSetup Calibrate(string name, AgentMarketParameters market, ulong seed, double calibrateSeconds, Func<StrategySettings, StrategySettings>? resolve = null)
    {
        ArgumentNullException.ThrowIfNull(market);
        InvalidParameterException.RequirePositive("calibrate-seconds", calibrateSeconds);
        CalibrationResult calibration = AgentMarketCalibration.Calibrate(market, seed + CalibrationSeedOffset, calibrateSeconds);
        var settings = new StrategySettings
        {
            Sigma = calibration.Sigma.Value,
            A = calibration.A.Value,
            Kappa = calibration.Kappa.Value,
            Horizon = market.Duration,
            TimeStep = market.DecisionInterval,
            OrderQuantity = market.LotSize,
        };
        return new AgentMarketSetup(name, market, calibration, resolve?.Invoke(settings) ?? settings, calibrateSeconds);
    }

    /// <summary>The calibration with its intervals, in one line.</summary>
    public string CalibrationText
    {
        get
        {
            CalibrationResult c = Calibration;
            return string.Create(
                CultureInfo.InvariantCulture,
                $"σ {c.Sigma.Value:G4} [{c.Sigma.Lower:G4}, {c.Sigma.Upper:G4}], A {c.A.Value:G4} [{c.A.Lower:G4}, {c.A.Upper:G4}], κ {c.Kappa.Value:G4} [{c.Kappa.Lower:G4}, {c.Kappa.Upper:G4}] from {CalibrationSeconds:G} s of the market's tape");
        }
    }
}
