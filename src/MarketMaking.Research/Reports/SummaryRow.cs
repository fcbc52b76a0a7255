using MarketMaking.Simulation.MonteCarlo;

namespace MarketMaking.Research.Reports;

/// <summary>One strategy's Monte Carlo results as the tool prints them in JSON (snake_case keys).</summary>
public sealed record SummaryRow(
    string Market,
    string Strategy,
    int Sims,
    double Spread,
    double ProfitMean,
    double ProfitStd,
    double ProfitStdError,
    double FinalQMean,
    double FinalQStd,
    double Sharpe,
    double MaxDrawdown,
    double FillRate,
    double FillsMean,
    double AverageEdge,
    double SpreadCapture,
    double MeanAbsQ,
    double MaxAbsQ,
    double TimeAtLimit,
    double FeesMean,
    double SlippageMean,
    double RiskAversion,
    double UtilityMeanVariance,
    double UtilityCara,
    double PenalizedPnl)
{
    /// <summary>The row of one strategy's Monte Carlo summary on <paramref name="market"/>.</summary>
    public static SummaryRow From(string market, MonteCarloSummary s) => new(
        market,
        s.Strategy,
        s.Trajectories,
        s.AverageSpread,
        s.ProfitMean,
        s.ProfitStd,
        s.ProfitStdError,
        s.FinalInventoryMean,
        s.FinalInventoryStd,
        s.SharpePerRun,
        s.MeanMaxDrawdown,
        s.FillRate,
        s.FillsMean,
        s.AverageEdge,
        s.SpreadCapture,
        s.MeanAbsInventory,
        s.MaxAbsInventoryMean,
        s.TimeAtLimitShare,
        s.FeesMean,
        s.SlippageMean,
        s.RiskAversion,
        s.MeanVarianceUtility,
        s.CaraCertaintyEquivalent,
        s.PenalizedPnlMean);
}
