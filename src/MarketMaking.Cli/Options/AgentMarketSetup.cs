using MarketMaking.Cli.Configuration;
using MarketMaking.Core.Errors;
using MarketMaking.Signals.Calibration;
using MarketMaking.Simulation.Agents;
using MarketMaking.Strategies;
using System.CommandLine;

namespace MarketMaking.Cli.Options;

/// <summary>
/// An agent-based market from a preset, with strategy settings whose σ, A and κ are calibrated on
/// the market's own tape (on a seed no run uses, so nothing is fitted to the paths traded on).
/// </summary>
internal sealed record AgentMarketSetup(string Name, AgentMarketParameters Market, CalibrationResult Calibration, StrategySettings Settings)
{
    /// <summary>Seed offset of the calibration tape.</summary>
    public const ulong CalibrationSeedOffset = 1_000_003;

    public static AgentMarketSetup Resolve(ParseResult parse, StrategyOptions strategies, string preset, ulong seed, double calibrateSeconds)
    {
        InvalidParameterException.RequirePositive("calibrate-seconds", calibrateSeconds);
        AgentMarketParameters market = AgentMarketPresets.Load(preset);
        CalibrationResult calibration = AgentMarketCalibration.Calibrate(market, seed + CalibrationSeedOffset, calibrateSeconds);
        StrategySettings settings = strategies.Resolve(parse, new StrategySettings
        {
            Sigma = calibration.Sigma.Value,
            A = calibration.A.Value,
            Kappa = calibration.Kappa.Value,
            Horizon = market.Duration,
            TimeStep = market.DecisionInterval,
            OrderQuantity = market.LotSize,
        });
        return new AgentMarketSetup($"lob/{Path.GetFileNameWithoutExtension(preset)}", market, calibration, settings);
    }
}
