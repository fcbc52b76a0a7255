using MarketMaking.Core.Errors;

namespace MarketMaking.Simulation.Hedging;

/// <summary>How a <see cref="PortfolioHedger"/> hedges and samples.</summary>
public sealed record HedgeSettings
{
    public HedgeMode Mode { get; init; } = HedgeMode.Beta;

    /// <summary>Unhedged exposure, in quote currency, above which a hedge is sent (β mode; cross-venue hedges every lot).</summary>
    public double Threshold { get; init; }

    /// <summary>Returns in the rolling regression; no β hedge before the window is full.</summary>
    public int Window { get; init; } = 120;

    /// <summary>Return sampling period (ns): both mids are sampled at the first decision on or after each multiple.</summary>
    public long SampleInterval { get; init; } = 1_000_000_000;

    public HedgeSettings Validate()
    {
        InvalidParameterException.RequireNonNegative("hedge-threshold", Threshold);
        if (Window < 3)
        {
            throw new InvalidParameterException("hedge-window", $"must be at least 3 returns, got {Window}");
        }

        if (SampleInterval <= 0)
        {
            throw new InvalidParameterException("hedge-interval", "must be positive");
        }

        return this;
    }
}
