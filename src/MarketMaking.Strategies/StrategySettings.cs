namespace MarketMaking.Strategies;

/// <summary>
/// Every parameter any catalogued strategy uses, with defaults; <see cref="StrategyCatalog.Create"/>
/// picks what the named strategy needs. Inventory limits count order sizes.
/// </summary>
public sealed record StrategySettings
{
    /// <summary>Risk aversion γ (<c>gamma</c>).</summary>
    public double Gamma { get; init; } = 0.1;

    /// <summary>Mid volatility σ per √time (<c>sigma</c>).</summary>
    public double Sigma { get; init; } = 2;

    /// <summary>Fill intensity at zero depth A; λ of Cartea–Jaimungal (<c>A</c>).</summary>
    public double A { get; init; } = 140;

    /// <summary>Fill-intensity decay κ (<c>kappa</c>).</summary>
    public double Kappa { get; init; } = 1.5;

    /// <summary>Horizon T (<c>horizon</c>).</summary>
    public double Horizon { get; init; } = 1;

    /// <summary>Row spacing dt of depth tables (<c>dt</c>).</summary>
    public double TimeStep { get; init; } = 0.005;

    /// <summary>Inventory limit Q in order sizes (<c>max_inventory</c>).</summary>
    public int MaxInventory { get; init; } = 20;

    /// <summary>Quote size (<c>order_size</c>).</summary>
    public double OrderQuantity { get; init; } = 1;

    /// <summary>Running inventory penalty φ of Cartea–Jaimungal (<c>phi</c>).</summary>
    public double Phi { get; init; } = 0.01;

    /// <summary>Terminal inventory penalty α of Cartea–Jaimungal (<c>terminal_penalty</c>).</summary>
    public double TerminalPenalty { get; init; } = 0.001;

    /// <summary>τ window of "as-rolling" (<c>rolling_horizon</c>).</summary>
    public double RollingHorizon { get; init; } = 1;

    /// <summary>Total spread of "fixed" in basis points (<c>spread_bps</c>).</summary>
    public double SpreadBps { get; init; } = 20;

    /// <summary>Inventory skew of "fixed" as a fraction of the half spread at full inventory (<c>skew_factor</c>).</summary>
    public double SkewFactor { get; init; } = 0.5;

    /// <summary>Seconds between requotes of "fixed" (<c>update_freq</c>).</summary>
    public double UpdateInterval { get; init; }

    /// <summary>Total spread of "adaptive" at the reference volatility (<c>base_spread</c>).</summary>
    public double BaseSpread { get; init; } = 1.5;

    /// <summary>Volatility at which "adaptive" quotes base_spread; 0 = no scaling (<c>vol_ref</c>).</summary>
    public double VolatilityReference { get; init; } = 2;

    /// <summary>Centre shift of "adaptive" per order size of inventory (<c>inventory_skew</c>).</summary>
    public double InventorySkew { get; init; } = 0.05;

    /// <summary>Extra skew of "adaptive" at the limit (<c>skew_accel</c>).</summary>
    public double SkewAcceleration { get; init; } = 2;

    /// <summary>Centre shift of "adaptive" per unit of alpha (<c>alpha_skew</c>).</summary>
    public double AlphaSkew { get; init; }

    /// <summary>Spread floor of "adaptive" (<c>min_spread</c>).</summary>
    public double MinSpread { get; init; }

    /// <summary>Centre shift of "adaptive" per unit of book imbalance (<c>imbalance_skew</c>; markets with a book).</summary>
    public double ImbalanceSkew { get; init; }
}
