namespace MarketMaking.Reporting.Charts;

/// <summary>Unconnected markers at (X[i], Y[i]); non-finite points are skipped.</summary>
public sealed record MarkerSeries(string Name, double[] X, double[] Y, MarkerShape Shape) : ChartSeries(Name);
