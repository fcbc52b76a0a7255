using MarketMaking.Signals.Calibration;

namespace MarketMaking.Research.Calibrations;

/// <summary>σ, A and κ estimated on a tape, with what was observed.</summary>
/// <param name="Result">The estimates with standard errors and 95% intervals.</param>
/// <param name="ObservedSeconds">Seconds of tape the fill intensity was counted over.</param>
/// <param name="Truth">The true σ, A and κ when the tape came from a model that has them; null otherwise.</param>
public sealed record CalibrationRun(CalibrationResult Result, double ObservedSeconds, (double Sigma, double A, double Kappa)? Truth = null);
