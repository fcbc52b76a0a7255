namespace MarketMaking.Core.Metrics;

/// <summary>
/// The largest fall of an equity curve from a running peak.
/// </summary>
/// <param name="Absolute">Peak minus trough, ≥ 0.</param>
/// <param name="Fraction">Absolute / (initial capital + equity at that peak); NaN without capital.</param>
/// <param name="PeakIndex">Index of the peak the largest drawdown fell from; −1 for an empty curve.</param>
/// <param name="TroughIndex">Index of its trough; −1 for an empty curve.</param>
public readonly record struct DrawdownResult(double Absolute, double Fraction, long PeakIndex, long TroughIndex);
