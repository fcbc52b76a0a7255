using System.Globalization;
using MarketMaking.Core.Errors;

namespace MarketMaking.Core.Metrics;

/// <summary>Settings of a <see cref="MetricsCollector"/>; each value is checked when set.</summary>
public sealed record MetricsOptions
{
    /// <summary>Markout horizons, each &gt; 0, in the run's time unit (checked when the collector is built).</summary>
    public double[] MarkoutHorizons { get; init; } = [];

    /// <summary>
    /// Absolute inventory counted as "at the limit" (the position limit); +∞ for no limit. A run
    /// counts the smaller of this and the strategy's own inventory limit (max_inventory), the binding one.
    /// </summary>
    public double InventoryLimit
    {
        get;
        init => field = value > 0 ? value : throw new InvalidParameterException("inventory_limit", $"must be positive (or infinite for none), got {Format(value)}");
    } = double.PositiveInfinity;

    /// <summary>Length of one period for the per-period Sharpe and Sortino ratios, in the run's time unit.</summary>
    public double SamplePeriod
    {
        get;
        init => field = InvalidParameterException.RequirePositive("sample_period", value);
    } = 1;

    /// <summary>Seconds in a year of a market that trades around the clock (365 days): crypto, and the simulated markets timed in seconds.</summary>
    public const double SecondsPerYear = 365.0 * 24 * 3600;

    /// <summary>
    /// Time units in a year, to annualize the Sharpe ratio (<see cref="SecondsPerYear"/> when time is
    /// in seconds); NaN when the run's time unit is not calendar time (the model market's T = 1).
    /// </summary>
    public double TimeUnitsPerYear
    {
        get;
        init => field = double.IsNaN(value) ? value : InvalidParameterException.RequirePositive("time_units_per_year", value);
    } = double.NaN;

    /// <summary>
    /// Sample periods in a year: <see cref="TimeUnitsPerYear"/> / <see cref="SamplePeriod"/>, so the
    /// annualization follows the sampling period (525,600 one-minute periods a year, not 31,536,000).
    /// </summary>
    public double PeriodsPerYear => TimeUnitsPerYear / SamplePeriod;

    /// <summary>
    /// Capital behind the run, used only to express drawdown as a fraction; 0 when unknown. The
    /// equity passed to <see cref="MetricsCollector.OnMark"/> is the PnL-relative equity of a
    /// ledger started at zero cash, so the account value at a peak is this plus the peak equity.
    /// </summary>
    public double InitialCapital
    {
        get;
        init => field = InvalidParameterException.RequireNonNegative("initial_capital", value);
    }

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
