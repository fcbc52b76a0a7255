namespace MarketMaking.Reporting.Charts;

/// <summary>A polyline through (X[i], Y[i]); non-finite points split it into separate segments.</summary>
public sealed record LineSeries(string Name, double[] X, double[] Y) : ChartSeries(Name)
{
    /// <summary>Hold each value until the next x (horizontal then vertical), as for inventory.</summary>
    public bool Step { get; init; }

    public bool Dashed { get; init; }
}
