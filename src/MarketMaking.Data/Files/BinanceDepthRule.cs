namespace MarketMaking.Data.Files;

/// <summary>Which of Binance's depth synchronization rules a stream follows.</summary>
internal enum BinanceDepthRule
{
    /// <summary>USD-M and COIN-M futures: U, u and pu; each update's pu is the previous u.</summary>
    Futures,

    /// <summary>Spot: U and u only; each update's U is the previous u + 1.</summary>
    Spot,
}
