using MarketMaking.Core.Errors;

namespace MarketMaking.Core.Instruments;

/// <summary>
/// An inverse (coin-margined) contract: one contract is worth <see cref="FaceValue"/> units of the
/// quote currency (USD), so its value in the coin is F/S and a position of Q contracts gains
/// Q·F·(1/S₀ − 1/S₁) coins when the price moves from S₀ to S₁ (Binance COIN-M, BitMEX XBTUSD).
/// </summary>
public sealed record InverseContract
{
    public InverseContract(string symbol, double faceValue)
    {
        Symbol = symbol;
        FaceValue = InvalidParameterException.RequirePositive("face_value", faceValue);
    }

    public string Symbol { get; }

    /// <summary>F: quote currency (USD) per contract.</summary>
    public double FaceValue { get; }

    /// <summary>Coins that <paramref name="contracts"/> contracts are worth at <paramref name="price"/>: Q·F/S.</summary>
    public double CoinValue(double contracts, double price) => contracts * FaceValue / price;

    /// <summary>PnL in coin of a long of <paramref name="contracts"/> (negative: short) from <paramref name="entry"/> to <paramref name="exit"/>: Q·F·(1/S₀ − 1/S₁).</summary>
    public double CoinPnl(double contracts, double entry, double exit) => contracts * FaceValue * ((1 / entry) - (1 / exit));
}
