namespace MarketMaking.Signals.Calibration;

/// <summary>
/// Maximum-likelihood fit of λ(δ) = A·e^(−κδ): A in arrivals per second per side, κ per price
/// unit of the calibrator (per tick for market events), with standard errors and 95% intervals
/// from the Fisher information (A's interval on the log scale).
/// </summary>
/// <param name="Correlation">Correlation of the estimates of ln A and κ (0 when the grid starts at depth 0).</param>
/// <param name="Arrivals">Market orders counted (depth at least the grid's first depth).</param>
/// <param name="ExposureSeconds">Observed time times the number of sides pooled.</param>
/// <param name="Curve">Empirical and fitted intensity at each grid depth.</param>
public sealed record FillIntensityFit(
    ParameterEstimate A,
    ParameterEstimate Kappa,
    double Correlation,
    long Arrivals,
    double ExposureSeconds,
    IReadOnlyList<IntensityPoint> Curve);
