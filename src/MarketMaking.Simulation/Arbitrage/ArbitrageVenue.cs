using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;

namespace MarketMaking.Simulation.Arbitrage;

/// <summary>
/// One venue of an arbitrage scan: its instrument (grid and the taker fee its takes pay) and, for
/// an inverse contract, the face value that turns its contracts into coins. Quantities across
/// venues are compared in coins; prices in the quote currency (USDT and USD taken as equal).
/// </summary>
public sealed record ArbitrageVenue
{
    /// <param name="instrument">The data's instrument with the venue's taker fee; needs a tick size.</param>
    /// <param name="faceValue">Quote currency per contract of an inverse contract (Binance COIN-M); 0: a linear instrument whose lot is in coins.</param>
    public ArbitrageVenue(Instrument instrument, double faceValue = 0)
    {
        Instrument = instrument ?? throw new ArgumentNullException(nameof(instrument));
        if (!instrument.HasPriceGrid)
        {
            throw new ArgumentException("an arbitrage venue needs a tick size", nameof(instrument));
        }

        FaceValue = InvalidParameterException.RequireNonNegative("face_value", faceValue);
        InvalidParameterException.RequireNonNegative("taker_fee", instrument.TakerFeeRate);
    }

    public Instrument Instrument { get; }

    /// <summary>Quote currency per contract; 0 for a linear instrument.</summary>
    public double FaceValue { get; }

    public bool IsInverse => FaceValue > 0;

    public double TakerFee => Instrument.TakerFeeRate;

    /// <summary>The price of <paramref name="ticks"/>.</summary>
    public double Price(long ticks) => ticks * Instrument.TickSize;

    /// <summary>Coins that <paramref name="lots"/> lots at <paramref name="ticks"/> are: lots·lot, or contracts·F/price.</summary>
    public double Coins(long lots, long ticks) => IsInverse ? lots * FaceValue / Price(ticks) : Instrument.ToQuantity(lots);

    /// <summary>Whole lots of at most <paramref name="coins"/> at <paramref name="ticks"/> (contracts of an inverse contract).</summary>
    public long LotsOf(double coins, long ticks)
    {
        double lots = IsInverse ? coins * Price(ticks) / FaceValue : coins / Instrument.LotSize;
        return (long)Math.Floor(lots + 1e-9);
    }
}
