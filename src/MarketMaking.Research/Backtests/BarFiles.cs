using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Data.Files;

namespace MarketMaking.Research.Backtests;

/// <summary>Bar files as backtests and sweeps read them: the format from the file name unless given.</summary>
public static class BarFiles
{
    /// <summary>bybit-kline for a .json file (Bybit's REST answer), ohlcv (CSV) otherwise.</summary>
    public static string DefaultFormat(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "bybit-kline" : "ohlcv";
    }

    /// <summary>
    /// The instrument traded on a bar file (bars name none): each part as given, else the file's
    /// name as the symbol, a 0.01 tick, a 0.001 lot and no fees.
    /// </summary>
    public static Instrument InstrumentOf(string path, string? symbol = null, double? tickSize = null, double? lotSize = null, double? makerFee = null, double? takerFee = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new Instrument(symbol ?? Path.GetFileNameWithoutExtension(path), tickSize ?? 0.01, lotSize ?? 0.001, makerFee ?? 0, takerFee ?? 0);
    }

    /// <summary>Every bar of the file, oldest first.</summary>
    /// <exception cref="InsufficientDataException">The file holds fewer than two bars (a bar's length is the gap between two).</exception>
    public static Bar[] Load(string path, string? format = null, BadRowPolicy policy = BadRowPolicy.Stop)
    {
        Bar[] bars = [.. MarketDataFormats.OpenBars(path, format ?? DefaultFormat(path), policy)];
        return bars.Length >= 2 ? bars : throw new InsufficientDataException($"{path}: fewer than two bars");
    }

    /// <summary>The length of one bar in seconds: the gap between the first two.</summary>
    public static double BarSeconds(IReadOnlyList<Bar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        return bars.Count >= 2 ? (bars[1].OpenTime - bars[0].OpenTime) / 1e9 : throw new InsufficientDataException("fewer than two bars: a bar's length is the gap between two");
    }
}
