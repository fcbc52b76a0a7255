namespace MarketMaking.Signals.Calibration;

/// <summary>σ, A and κ of the Avellaneda–Stoikov / GLFT model fitted from one market's data.</summary>
/// <param name="Sigma">Volatility of the mid per √second, in the calibrator's price unit.</param>
/// <param name="Intensity">The fill-intensity fit (A, κ).</param>
public sealed record CalibrationResult(ParameterEstimate Sigma, FillIntensityFit Intensity)
{
    public ParameterEstimate A => Intensity.A;

    public ParameterEstimate Kappa => Intensity.Kappa;
}
