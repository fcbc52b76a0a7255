namespace MarketMaking.Reporting.Charts;

/// <summary>
/// An x/y chart. The x axis spans the data exactly; the y axis is padded by 5% per side unless
/// <see cref="YMin"/> / <see cref="YMax"/> pin it (data outside pinned limits is clipped).
/// </summary>
public sealed record ChartSpec(string Title, string XLabel, string YLabel, IReadOnlyList<ChartSeries> Series)
{
    public double? YMin { get; init; }

    public double? YMax { get; init; }

    public int Width { get; init; } = 640;

    public int Height { get; init; } = 320;
}
