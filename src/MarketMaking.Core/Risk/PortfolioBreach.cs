namespace MarketMaking.Core.Risk;

/// <summary>Which portfolio limit a set of positions breaks (the first found, in this order).</summary>
public enum PortfolioBreach
{
    None = 0,

    /// <summary>One instrument's |q·P| above its (volatility-scaled) limit.</summary>
    InstrumentExposure,

    /// <summary>|Σ q·P| above the portfolio's net exposure limit.</summary>
    NetExposure,

    /// <summary>Σ |q·P| above the portfolio's gross notional limit.</summary>
    GrossNotional,
}
