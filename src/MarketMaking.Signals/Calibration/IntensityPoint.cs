namespace MarketMaking.Signals.Calibration;

/// <summary>One depth of the empirical fill-intensity curve next to the fitted one.</summary>
/// <param name="Depth">Distance from the mid, in the calibrator's price unit.</param>
/// <param name="Arrivals">Market orders that reached at least this depth.</param>
/// <param name="Intensity">Arrivals per second per side.</param>
/// <param name="Fitted">A·e^(−κ·Depth).</param>
public readonly record struct IntensityPoint(double Depth, long Arrivals, double Intensity, double Fitted);
