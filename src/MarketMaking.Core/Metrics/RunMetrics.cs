using MarketMaking.Core.Accounting;

namespace MarketMaking.Core.Metrics;

/// <summary>Performance of one run, as produced by <see cref="MetricsCollector.Finish"/>. NaN marks a figure with no data.</summary>
public sealed record RunMetrics
{
    /// <summary>Final equity at the final mid minus initial cash: PnL after fees.</summary>
    public required double NetPnl { get; init; }

    /// <summary>PnL before fees: NetPnl + NetFees.</summary>
    public required double GrossPnl { get; init; }

    public required double FeesPaid { get; init; }

    public required double RebatesReceived { get; init; }

    public required double NetFees { get; init; }

    /// <summary>Sharpe ratio of the PnL per <see cref="SamplePeriod"/>, not annualized.</summary>
    public required double SharpePerPeriod { get; init; }

    public required double SamplePeriod { get; init; }

    /// <summary>Number of sample periods behind the per-period ratios.</summary>
    public required long PnlPeriods { get; init; }

    /// <summary>Sharpe per period × √(periods a year); NaN when the run's time unit is not calendar time.</summary>
    public required double SharpeAnnualized { get; init; }

    public required double SortinoPerPeriod { get; init; }

    /// <summary>Largest fall of equity from a running peak, in currency.</summary>
    public required double MaxDrawdown { get; init; }

    /// <summary>Largest drawdown over initial capital + peak equity; NaN without capital.</summary>
    public required double MaxDrawdownFraction { get; init; }

    public required long OrdersSubmitted { get; init; }

    public required long BuyOrdersSubmitted { get; init; }

    public required long SellOrdersSubmitted { get; init; }

    public required long Fills { get; init; }

    /// <summary>Fills / orders submitted (a partly filled order may count more than once).</summary>
    public required double FillRate { get; init; }

    public required RoundTripStatistics RoundTrips { get; init; }

    public required double WinRate { get; init; }

    /// <summary>What slippage cost: Σ |price moved|·qty over the fills (already inside the PnL and the edge).</summary>
    public double SlippageCost { get; init; }

    /// <summary>Σ edge·qty: what the fills earned against the mid at fill time (the spread captured), before fees.</summary>
    public required double EdgeEarned { get; init; }

    /// <summary>Quantity-weighted mean edge per unit against the mid at fill time: the spread captured.</summary>
    public required double AverageEdge { get; init; }

    /// <summary>Σ edge·qty / Σ (quoted spread / 2)·qty over two-sided fills: 1 = every fill earned half the quoted spread.</summary>
    public required double SpreadCaptureRatio { get; init; }

    /// <summary>Mean of our ask − bid over the decisions that quoted both sides.</summary>
    public required double AverageQuotedSpread { get; init; }

    public required IReadOnlyList<MarkoutResult> Markouts { get; init; }

    /// <summary>Time-weighted mean of |inventory|.</summary>
    public required double MeanAbsInventory { get; init; }

    public required double MaxAbsInventory { get; init; }

    /// <summary>Share of time with |inventory| at the inventory limit.</summary>
    public required double TimeAtLimitShare { get; init; }

    /// <summary>∫q²dt over the time spent long (with the short part, the running inventory penalty before λ).</summary>
    public required double LongSquaredInventoryTime { get; init; }

    /// <summary>∫q²dt over the time spent short.</summary>
    public required double ShortSquaredInventoryTime { get; init; }

    public required double Turnover { get; init; }

    public required double FinalInventory { get; init; }
}
