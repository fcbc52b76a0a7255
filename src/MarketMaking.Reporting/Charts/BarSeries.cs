namespace MarketMaking.Reporting.Charts;

/// <summary>
/// Vertical bars from zero, e.g. a histogram from <see cref="Histogram.Build"/>. Bar width is 90% of the
/// smallest gap between neighbouring centres (so centres are expected in ascending order).
/// </summary>
public sealed record BarSeries(string Name, double[] Centers, double[] Heights) : ChartSeries(Name);
