namespace MarketMaking.Reporting.Charts;

/// <summary>
/// One data series. An empty <see cref="Name"/> leaves it out of the legend; a null <see cref="Color"/>
/// (any CSS colour otherwise) takes the next colour of a colour-blind-friendly palette.
/// </summary>
public abstract record ChartSeries(string Name)
{
    public string? Color { get; init; }
}
