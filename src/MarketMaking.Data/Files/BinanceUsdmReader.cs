namespace MarketMaking.Data.Files;

/// <summary>
/// A Binance USD-M raw stream dump (<c>&lt;local ns&gt; &lt;json&gt;</c> lines; REST snapshot, depthUpdate,
/// trade, bookTicker), plain or gzip. Depth updates are synchronized to the snapshot by Binance's
/// rule; trades carry the aggressor's side (m = true: the buyer was the maker, so the aggressor sold);
/// each bookTicker becomes two BestQuote events (bid, then ask) whose Id is its update id u.
/// Exchange time is the message's event time E.
/// </summary>
public sealed class BinanceUsdmReader(string path, MarketDataOptions? options = null)
    : TextMarketDataReader(path, MarketDataFormat.BinanceUsdm, options, context => new BinanceUsdmParser(context));
