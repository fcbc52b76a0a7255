using MarketMaking.Core.Errors;
using MarketMaking.Core.Metrics;
using MarketMaking.Core.Risk;

namespace MarketMaking.Simulation.Engine;

/// <summary>How the event loop runs a strategy on a market.</summary>
public sealed record RunSettings
{
    public RiskLimits Risk { get; init; } = RiskLimits.None;

    public MetricsOptions Metrics { get; init; } = new();

    /// <summary>Inventory held at the start, bought at the first mid (instrument units).</summary>
    public double InitialInventory { get; init; }

    /// <summary>Time between decisions (update_freq); 0 decides at every event.</summary>
    public double DecisionInterval { get; init; }

    /// <summary>Record time series (mid, quotes, inventory, equity, fills) for charts.</summary>
    public bool RecordSeries { get; init; }

    /// <summary>Most points kept per series; longer runs are thinned evenly.</summary>
    public int MaxSeriesPoints { get; init; } = 4000;

    /// <summary>Keep an order whose price is within this distance of the wanted one (price units); 0: exact only.</summary>
    public double RefreshTolerance { get; init; }

    /// <summary>Cancel and resend orders older than this (market time); +∞: never.</summary>
    public double MaxOrderAge { get; init; } = double.PositiveInfinity;

    /// <summary>Each fill's price moved against us by this many basis points (execution slippage); 0: none.</summary>
    public double SlippageBps { get; init; }

    /// <summary>Sees every fill and every mark with the market's state (dataset builders, studies).</summary>
    public IRunObserver? Observer { get; init; }

    /// <summary>The portfolio limits the risk gate asks about each order after its own (none when null).</summary>
    public IPortfolioCheck? Portfolio { get; init; }

    public RunSettings Validate()
    {
        InvalidParameterException.RequireNonNegative("update_freq", DecisionInterval);
        InvalidParameterException.RequireFinite("q0", InitialInventory);
        InvalidParameterException.RequireNonNegative("refresh_tolerance", RefreshTolerance);
        InvalidParameterException.RequireNonNegative("slippage_bps", SlippageBps);
        if (!(MaxOrderAge > 0))
        {
            throw new InvalidParameterException("max_order_age", $"must be positive, got {MaxOrderAge}");
        }

        if (MaxSeriesPoints < 2)
        {
            throw new InvalidParameterException("max_series_points", "must be at least 2");
        }

        Risk.Validate();
        return this;
    }
}
