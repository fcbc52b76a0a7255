namespace MarketMaking.Signals.Volatility;

/// <summary>How a mid move is measured.</summary>
public enum ReturnMeasure
{
    /// <summary>Arithmetic change in price units (ticks): σ in the units the quoting models use.</summary>
    PriceChange = 0,

    /// <summary>Log return ln(Mₙ/Mₙ₋₁): σ as a fraction of the price.</summary>
    LogReturn = 1,
}
