using MarketMaking.Core.Instruments;

namespace MarketMaking.Data.Files;

/// <summary>
/// A Binance COIN-M (inverse) perpetual raw stream dump: the USD-M message shapes and depth rule (U, u,
/// pu), but sizes are whole contracts of a fixed face value in USD (100 for BTC, 10 for every other
/// coin), so the lot is one contract and <see cref="Contract"/> converts to coin and coin PnL.
/// </summary>
public sealed class BinanceCoinMReader : TextMarketDataReader
{
    public BinanceCoinMReader(string path, MarketDataOptions? options = null)
        : base(path, MarketDataFormat.BinanceCoinM, options, context => new BinanceUsdmParser(context))
    {
        Contract = new InverseContract(Instrument.Symbol, FaceValueOf(Instrument.Symbol));
    }

    /// <summary>The inverse contract traded: its face value and coin conversions.</summary>
    public InverseContract Contract { get; }

    /// <summary>Binance's face value in USD of one COIN-M contract: 100 for BTC, 10 for the other coins.</summary>
    public static double FaceValueOf(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return symbol.StartsWith("BTC", StringComparison.OrdinalIgnoreCase) ? 100 : 10;
    }
}
