namespace MarketMaking.Data.Bybit;

/// <summary>A Bybit V5 product line: the <c>category</c> of every market-data request.</summary>
public enum BybitCategory
{
    Spot,
    Linear,
    Inverse,
}
