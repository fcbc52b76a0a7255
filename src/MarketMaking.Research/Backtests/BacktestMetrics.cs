using MarketMaking.Core.Metrics;

namespace MarketMaking.Research.Backtests;

/// <summary>The metrics every run on recorded data collects, so backtests and sweeps report alike.</summary>
public static class BacktestMetrics
{
    /// <summary>Markout horizons of L2 data, in seconds; on bars the same numbers count bars.</summary>
    public static IReadOnlyList<double> MarkoutHorizons { get; } = [1, 5, 30];

    /// <summary>
    /// L2 data (every book change and trade): markouts at 1, 5 and 30 s, Sharpe per second,
    /// annualized around the clock (31,536,000 periods a year); time at the limit against <paramref name="inventoryLimit"/>.
    /// </summary>
    public static MetricsOptions ForRecordedData(double inventoryLimit) => new()
    {
        MarkoutHorizons = [.. MarkoutHorizons],
        SamplePeriod = 1,
        TimeUnitsPerYear = MetricsOptions.SecondsPerYear, // crypto trades around the clock
        InventoryLimit = inventoryLimit,
    };

    /// <summary>
    /// Bars of <paramref name="barSeconds"/>: markouts after 1, 5 and 30 bars (a bar's mid is known
    /// only at its close, so a horizon shorter than a bar would measure the fill's own mid: the
    /// edge), Sharpe per bar, annualized by the bars in a year (525,600 one-minute bars).
    /// </summary>
    public static MetricsOptions ForBars(double inventoryLimit, double barSeconds) => ForRecordedData(inventoryLimit) with
    {
        MarkoutHorizons = [.. MarkoutHorizons.Select(bars => bars * barSeconds)],
        SamplePeriod = barSeconds,
    };
}
