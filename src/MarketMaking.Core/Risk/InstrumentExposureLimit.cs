namespace MarketMaking.Core.Risk;

/// <summary>
/// One instrument's limit in a portfolio: the largest |q·P| (quote currency), shrunk as its
/// volatility rises above <paramref name="VolatilityReference"/> (return volatility per √s; +∞: never shrinks).
/// </summary>
public sealed record InstrumentExposureLimit(double MaxExposure, double VolatilityReference = double.PositiveInfinity);
