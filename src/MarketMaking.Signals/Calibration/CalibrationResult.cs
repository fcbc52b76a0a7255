namespace MarketMaking.Signals.Calibration;

/// <summary>σ, A and κ of the Avellaneda–Stoikov / GLFT model fitted from one market's data.</summary>
/// <param name="Sigma">Volatility of the mid per √second, in the calibrator's price unit.</param>
/// <param name="Intensity">The fill-intensity fit (A, κ).</param>
public sealed record CalibrationResult(ParameterEstimate Sigma, FillIntensityFit Intensity)
{
    public ParameterEstimate A => Intensity.A;

    public ParameterEstimate Kappa => Intensity.Kappa;

    /// <summary>
    /// The result in price units for a calibration done in ticks of size <paramref name="tick"/>:
    /// σ scales with the tick, κ (per unit of depth) inversely, A not at all.
    /// </summary>
    public CalibrationResult InPriceUnits(double tick) =>
        new(Scale(Sigma, tick), Intensity with { Kappa = Scale(Kappa, 1 / tick) });

    private static ParameterEstimate Scale(ParameterEstimate e, double factor) =>
        new(e.Value * factor, e.StandardError * factor, e.Lower * factor, e.Upper * factor);
}
