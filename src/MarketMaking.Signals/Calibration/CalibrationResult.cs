using System.Globalization;

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

    /// <summary>
    /// σ, A and κ in one line, each fitted value with its interval or, where the user gave one, that
    /// value marked "given": <c>σ 1.2 per √s [1.1, 1.3], A 3 (given), κ 4.5 per price unit [4, 5]</c>.
    /// </summary>
    public string Describe(double? sigma = null, double? a = null, double? kappa = null) =>
        $"{Fitted("σ", sigma, Sigma, " per √s")}, {Fitted("A", a, A, "/s")}, {Fitted("κ", kappa, Kappa, " per price unit")}";

    private static string Fitted(string name, double? given, ParameterEstimate fitted, string unit) => given is { } g
        ? string.Create(CultureInfo.InvariantCulture, $"{name} {g:G}{unit} (given)")
        : string.Create(CultureInfo.InvariantCulture, $"{name} {fitted.Value:G4}{unit} [{fitted.Lower:G4}, {fitted.Upper:G4}]");

    private static ParameterEstimate Scale(ParameterEstimate e, double factor) =>
        new(e.Value * factor, e.StandardError * factor, e.Lower * factor, e.Upper * factor);
}
