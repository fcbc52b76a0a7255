using MarketMaking.Core.Metrics;
using MarketMaking.Simulation.Engine;

namespace MarketMaking.Research.Reports;

/// <summary>One event-loop run's metrics as the tool prints them (snake_case JSON keys).</summary>
public sealed record RunRow(
    string Strategy,
    double NetPnl,
    double GrossPnl,
    double FeesPaid,
    double Rebates,
    long Orders,
    long Fills,
    double FillRate,
    long RoundTrips,
    double WinRate,
    double AverageEdge,
    double SpreadCapture,
    double SharpePerPeriod,
    double SamplePeriodSeconds,
    double SharpeAnnualized,
    double SortinoPerPeriod,
    double MaxDrawdown,
    double MeanAbsQ,
    double MaxAbsQ,
    double TimeAtLimit,
    double Turnover,
    double FinalQ,
    IReadOnlyList<MarkoutRow> Markouts,
    long Rejections,
    string? KillReason)
{
    /// <summary>The row of one run.</summary>
    public static RunRow From(RunResult run)
    {
        RunMetrics m = run.Metrics;
        return new RunRow(
            run.Strategy,
            m.NetPnl,
            m.GrossPnl,
            m.FeesPaid,
            m.RebatesReceived,
            m.OrdersSubmitted,
            m.Fills,
            m.FillRate,
            run.RoundTrips.Count,
            m.WinRate,
            m.AverageEdge,
            m.SpreadCaptureRatio,
            m.SharpePerPeriod,
            m.SamplePeriod,
            m.SharpeAnnualized,
            m.SortinoPerPeriod,
            m.MaxDrawdown,
            m.MeanAbsInventory,
            m.MaxAbsInventory,
            m.TimeAtLimitShare,
            m.Turnover,
            m.FinalInventory,
            m.Markouts.Select(h => new MarkoutRow(h.Horizon, h.MeanPerUnit, h.Count)).ToList(),
            run.Rejections.Values.Sum(),
            run.KillReason);
    }
}
