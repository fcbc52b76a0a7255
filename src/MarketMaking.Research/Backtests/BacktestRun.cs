using MarketMaking.Reporting;
using MarketMaking.Research.Reports;
using MarketMaking.Simulation.Engine;

namespace MarketMaking.Research.Backtests;

/// <summary>
/// Strategies backtested on one data file: each strategy's run (labelled as asked), and the
/// settings and data facts a report lists (data, instrument, calibration, execution, data quality…).
/// </summary>
/// <param name="Subtitle">What was replayed, e.g. "replay of FILE".</param>
/// <param name="Results">One run per strategy, in the order asked; <c>Strategy</c> is the label.</param>
/// <param name="Settings">Settings and data facts, as (name, text) in report order; the first names the data.</param>
public sealed record BacktestRun(string Subtitle, IReadOnlyList<RunResult> Results, IReadOnlyList<KeyValuePair<string, string>> Settings)
{
    /// <summary>Each run's metrics as a row (the shape of metrics.json and <c>--json</c>).</summary>
    public IReadOnlyList<RunRow> Rows => [.. Results.Select(RunRow.From)];

    /// <summary>The report: metrics, PnL decomposition, PnL, drawdown, inventory, markouts, quotes and fills, settings.</summary>
    public ReportDocument Report(string title) => ReportBuilder.Backtest(title, Subtitle, Results, Settings);
}
