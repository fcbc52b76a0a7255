using MarketMaking.Core.Metrics;

namespace MarketMaking.Research.Backtests;

/// <summary>The metrics every run on recorded data collects, so backtests and sweeps report alike.</summary>
public static class BacktestMetrics
{
    /// <summary>Markouts at 1, 5 and 30 s, Sharpe per second, annualized around the clock; time at the limit against <paramref name="inventoryLimit"/>.</summary>
    public static MetricsOptions ForRecordedData(double inventoryLimit) => new()
    {
        MarkoutHorizons = [1, 5, 30],
        SamplePeriod = 1,
        PeriodsPerYear = 365.0 * 24 * 3600, // crypto trades around the clock
        InventoryLimit = inventoryLimit,
    };
}
