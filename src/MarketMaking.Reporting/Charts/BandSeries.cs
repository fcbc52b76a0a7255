namespace MarketMaking.Reporting.Charts;

/// <summary>A shaded area between Low and High (confidence band, percentile fan); drawn beneath lines.</summary>
public sealed record BandSeries(string Name, double[] X, double[] Low, double[] High) : ChartSeries(Name);
