using MarketMaking.Core.Accounting;
using MarketMaking.Core.Metrics;

namespace MarketMaking.Simulation.MonteCarlo;

/// <summary>
/// Statistics of a Monte Carlo run across trajectories: the columns of Avellaneda &amp; Stoikov's
/// tables (average spread, profit mean and std, final inventory mean and std) and the toolkit's
/// metrics. Sharpe here is per run: mean terminal PnL over its standard deviation across runs.
/// </summary>
public sealed record MonteCarloSummary
{
    public required string Strategy { get; init; }

    public required int Trajectories { get; init; }

    /// <summary>Mean quoted spread (ask − bid) over the steps with both sides quoted.</summary>
    public required double AverageSpread { get; init; }

    public required double ProfitMean { get; init; }

    public required double ProfitStd { get; init; }

    /// <summary>Standard error of the mean profit, std/√N.</summary>
    public required double ProfitStdError { get; init; }

    public required double FinalInventoryMean { get; init; }

    public required double FinalInventoryStd { get; init; }

    /// <summary>Mean over std of terminal PnL across runs.</summary>
    public required double SharpePerRun { get; init; }

    /// <summary>Mean over runs of the largest peak-to-trough fall of marked-to-market PnL.</summary>
    public required double MeanMaxDrawdown { get; init; }

    /// <summary>Fills over orders sent.</summary>
    public required double FillRate { get; init; }

    /// <summary>Mean fills per run.</summary>
    public required double FillsMean { get; init; }

    /// <summary>Quantity-weighted mean distance from the mid earned per fill.</summary>
    public required double AverageEdge { get; init; }

    /// <summary>Σ edge / Σ half quoted spread over fills with both sides quoted: 1 = every fill earned half the spread.</summary>
    public required double SpreadCapture { get; init; }

    /// <summary>Time-weighted mean |q| (averaged over runs).</summary>
    public required double MeanAbsInventory { get; init; }

    /// <summary>Mean over runs of the largest |q|.</summary>
    public required double MaxAbsInventoryMean { get; init; }

    /// <summary>Share of time spent at the position limit.</summary>
    public required double TimeAtLimitShare { get; init; }

    /// <summary>Mean of ∫q²dt, the running inventory penalty before its coefficient.</summary>
    public required double SquaredInventoryTimeMean { get; init; }

    /// <summary>The inventory penalty applied in <see cref="PenalizedPnlMean"/>.</summary>
    public required InventoryPenalty InventoryPenalty { get; init; }

    /// <summary>Mean of PnL − ∫λ·q²dt (λ long and short from <see cref="InventoryPenalty"/>).</summary>
    public required double PenalizedPnlMean { get; init; }

    public required double FeesMean { get; init; }

    /// <summary>Mean over runs of Σ edge·quantity at fills, after slippage (the spread captured against the mid).</summary>
    public required double EdgeMean { get; init; }

    /// <summary>Mean over runs of what slippage cost.</summary>
    public required double SlippageMean { get; init; }

    public required double RiskAversion { get; init; }

    /// <summary>E[PnL] − γ/2·Var[PnL].</summary>
    public required double MeanVarianceUtility { get; init; }

    /// <summary>Certainty equivalent of exponential (CARA) utility: −(1/γ)·ln E[e^(−γ·PnL)].</summary>
    public required double CaraCertaintyEquivalent { get; init; }

    public static MonteCarloSummary From(MonteCarloResult result, double riskAversion, InventoryPenalty penalty)
    {
        TrajectoryOutcomes o = result.Outcomes;
        double penalized = 0;
        for (int i = 0; i < o.Count; i++)
        {
            penalized += o.Pnl[i] - penalty.Running(o.LongSquaredInventoryTime[i], o.ShortSquaredInventoryTime[i]);
        }

        double horizon = result.Market.Horizon;
        double profitStd = PerformanceStatistics.StandardDeviation(o.Pnl);
        return new MonteCarloSummary
        {
            Strategy = result.Strategy,
            Trajectories = o.Count,
            AverageSpread = Sum(o.QuotedSpreadSum) / Sum(o.QuotedSpreadSteps),
            ProfitMean = PerformanceStatistics.Mean(o.Pnl),
            ProfitStd = profitStd,
            ProfitStdError = profitStd / Math.Sqrt(o.Count),
            FinalInventoryMean = PerformanceStatistics.Mean(o.FinalInventory),
            FinalInventoryStd = PerformanceStatistics.StandardDeviation(o.FinalInventory),
            SharpePerRun = PerformanceStatistics.SharpeRatio(o.Pnl),
            MeanMaxDrawdown = PerformanceStatistics.Mean(o.MaxDrawdown),
            FillRate = PerformanceStatistics.FillRate((long)Sum(o.Fills), (long)Sum(o.Orders)),
            FillsMean = PerformanceStatistics.Mean(o.Fills),
            AverageEdge = Sum(o.EdgeSum) / Sum(o.Turnover),
            SpreadCapture = Sum(o.CaptureEdgeSum) / Sum(o.CaptureHalfSpreadSum),
            MeanAbsInventory = PerformanceStatistics.Mean(o.AbsInventoryTime) / horizon,
            MaxAbsInventoryMean = PerformanceStatistics.Mean(o.MaxAbsInventory),
            TimeAtLimitShare = PerformanceStatistics.Mean(o.TimeAtLimit) / horizon,
            SquaredInventoryTimeMean = (Sum(o.LongSquaredInventoryTime) + Sum(o.ShortSquaredInventoryTime)) / o.Count,
            InventoryPenalty = penalty,
            PenalizedPnlMean = penalized / o.Count,
            FeesMean = PerformanceStatistics.Mean(o.Fees),
            EdgeMean = PerformanceStatistics.Mean(o.EdgeSum),
            SlippageMean = PerformanceStatistics.Mean(o.SlippageCost),
            RiskAversion = riskAversion,
            MeanVarianceUtility = PerformanceStatistics.MeanVarianceUtility(o.Pnl, riskAversion),
            CaraCertaintyEquivalent = PerformanceStatistics.CaraCertaintyEquivalent(o.Pnl, riskAversion),
        };
    }

    /// <summary>
    /// The same statistics over event-loop runs (e.g. one per seed of the agent-based market).
    /// Spread capture and average edge are weighted by each run's traded quantity.
    /// </summary>
    public static MonteCarloSummary FromRuns(string strategy, IReadOnlyList<RunMetrics> runs, double riskAversion, InventoryPenalty penalty = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new ArgumentException("no runs to summarize", nameof(runs));
        }

        double[] pnl = runs.Select(r => r.NetPnl).ToArray();
        double[] finalInventory = runs.Select(r => r.FinalInventory).ToArray();
        double turnover = runs.Sum(r => r.Turnover);
        double[] spreads = runs.Select(r => r.AverageQuotedSpread).Where(double.IsFinite).ToArray();
        double profitStd = PerformanceStatistics.StandardDeviation(pnl);
        return new MonteCarloSummary
        {
            Strategy = strategy,
            Trajectories = runs.Count,
            AverageSpread = spreads.Length > 0 ? PerformanceStatistics.Mean(spreads) : double.NaN,
            ProfitMean = PerformanceStatistics.Mean(pnl),
            ProfitStd = profitStd,
            ProfitStdError = profitStd / Math.Sqrt(runs.Count),
            FinalInventoryMean = PerformanceStatistics.Mean(finalInventory),
            FinalInventoryStd = PerformanceStatistics.StandardDeviation(finalInventory),
            SharpePerRun = PerformanceStatistics.SharpeRatio(pnl),
            MeanMaxDrawdown = runs.Average(r => r.MaxDrawdown),
            FillRate = PerformanceStatistics.FillRate(runs.Sum(r => r.Fills), runs.Sum(r => r.OrdersSubmitted)),
            FillsMean = runs.Average(r => (double)r.Fills),
            AverageEdge = turnover > 0 ? runs.Where(r => r.Turnover > 0).Sum(r => r.AverageEdge * r.Turnover) / turnover : double.NaN,
            SpreadCapture = turnover > 0 ? runs.Where(r => r.Turnover > 0 && double.IsFinite(r.SpreadCaptureRatio)).Sum(r => r.SpreadCaptureRatio * r.Turnover) / turnover : double.NaN,
            MeanAbsInventory = runs.Average(r => r.MeanAbsInventory),
            MaxAbsInventoryMean = runs.Average(r => r.MaxAbsInventory),
            TimeAtLimitShare = runs.Average(r => r.TimeAtLimitShare),
            SquaredInventoryTimeMean = runs.Average(r => r.LongSquaredInventoryTime + r.ShortSquaredInventoryTime),
            InventoryPenalty = penalty,
            PenalizedPnlMean = runs.Average(r => r.NetPnl - penalty.Running(r.LongSquaredInventoryTime, r.ShortSquaredInventoryTime)),
            FeesMean = runs.Average(r => r.NetFees),
            EdgeMean = runs.Average(r => r.EdgeEarned),
            SlippageMean = runs.Average(r => r.SlippageCost),
            RiskAversion = riskAversion,
            MeanVarianceUtility = PerformanceStatistics.MeanVarianceUtility(pnl, riskAversion),
            CaraCertaintyEquivalent = PerformanceStatistics.CaraCertaintyEquivalent(pnl, riskAversion),
        };
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double value in values)
        {
            sum += value;
        }

        return sum;
    }
}
